/*
 * icount: a QEMU TCG plugin that counts the instructions QEMU executes for its guest, exactly.
 * Loaded into a user-mode qemu (qemu-aarch64 counts arm64 instructions, qemu-s390x counts s390x
 * instructions of whatever s390x program runs, e.g. zarm or QEMU's own qemu-aarch64 built for
 * s390x). At exit it writes, through qemu's log (-d plugin), one line:
 *     icount: insns N translated_tbs M translated_insns K
 * K is the guest instructions QEMU translated (each block counted once per translation).
 *
 * Debian's qemu packages ship no qemu-plugin.h, so the few entry points used are declared here,
 * as in QEMU's plugin API version 1 (QEMU 7.2, Debian 12). Counting is an inline add per
 * executed block rather than a callback, so the run is slowed down only a little.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
typedef struct qemu_info_t qemu_info_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
                                           void (*cb)(qemu_plugin_id_t, struct qemu_plugin_tb *));
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb, enum qemu_plugin_op op,
                                              void *ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, void (*cb)(qemu_plugin_id_t, void *),
                                    void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
void qemu_plugin_outs(const char *string);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
const char *qemu_plugin_insn_symbol(const struct qemu_plugin_insn *insn);

/* QEMU refuses a plugin that does not export the API version it was written for. */
__attribute__((visibility("default"))) int qemu_plugin_version = 1;

/* One counter for all vCPUs: exact for the single-threaded benchmark programs. */
static uint64_t insns_executed;
static uint64_t blocks_translated;
static uint64_t insns_translated;

/* The profile (argument `symbols`): one record per translated block, its executions counted
 * inline; the symbol names are QEMU's, which live as long as the program. */
struct block_rec {
    const char *sym;
    uint64_t n, runs;
};
static int profiling;
static struct block_rec **recs;
static size_t nrecs, caprecs;

static int by_sym(const void *a, const void *b)
{
    const struct block_rec *x = *(struct block_rec *const *)a, *y = *(struct block_rec *const *)b;
    return strcmp(x->sym, y->sym);
}

struct sym_total {
    const char *sym;
    uint64_t insns;
};
static int by_insns(const void *a, const void *b)
{
    const struct sym_total *x = a, *y = b;
    return x->insns < y->insns ? 1 : x->insns > y->insns ? -1 : 0;
}

static void report_profile(void)
{
    qsort(recs, nrecs, sizeof *recs, by_sym);
    struct sym_total *tot = calloc(nrecs + 1, sizeof *tot);
    size_t nt = 0;
    if (!tot)
        return;
    for (size_t i = 0; i < nrecs; i++) {
        if (!nt || strcmp(tot[nt - 1].sym, recs[i]->sym))
            tot[nt++].sym = recs[i]->sym;
        tot[nt - 1].insns += recs[i]->n * recs[i]->runs;
    }
    qsort(tot, nt, sizeof *tot, by_insns);
    for (size_t i = 0; i < nt && i < 40; i++) {
        char line[256];
        snprintf(line, sizeof line, "icount: sym %llu %s\n", (unsigned long long)tot[i].insns,
                 tot[i].sym);
        qemu_plugin_outs(line);
    }
    free(tot);
}

static void icount_report(qemu_plugin_id_t id, void *userdata)
{
    char line[160];
    (void)id;
    (void)userdata;
    snprintf(line, sizeof line, "icount: insns %llu translated_tbs %llu translated_insns %llu\n",
             (unsigned long long)insns_executed, (unsigned long long)blocks_translated,
             (unsigned long long)insns_translated);
    qemu_plugin_outs(line);
    if (profiling)
        report_profile();
}

static void profile_block(struct qemu_plugin_tb *tb, size_t n)
{
    struct block_rec *r = calloc(1, sizeof *r);
    if (!r || (nrecs == caprecs && !(recs = realloc(recs, (caprecs = caprecs * 2 + 1024) *
                                                             sizeof *recs)))) {
        profiling = 0; /* out of memory: the total is still exact */
        return;
    }
    const char *sym = n ? qemu_plugin_insn_symbol(qemu_plugin_tb_get_insn(tb, 0)) : NULL;
    r->sym = sym ? sym : "(no symbol: JIT code or a library)";
    r->n = n;
    recs[nrecs++] = r;
    qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &r->runs, 1);
}

static void icount_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    size_t n = qemu_plugin_tb_n_insns(tb);
    (void)id;
    blocks_translated++;
    insns_translated += n;
    qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &insns_executed, n);
    if (profiling)
        profile_block(tb, n);
}

__attribute__((visibility("default"))) int qemu_plugin_install(qemu_plugin_id_t id,
                                                               const qemu_info_t *info, int argc,
                                                               char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++)
        profiling |= !strcmp(argv[i], "symbols") || !strcmp(argv[i], "symbols=on");
    qemu_plugin_register_vcpu_tb_trans_cb(id, icount_translate);
    qemu_plugin_register_atexit_cb(id, icount_report, NULL);
    return 0;
}
