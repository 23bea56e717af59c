/* Prints an IR block, one instruction per line, for -d ir. */
#include <inttypes.h>

#include "env.h"
#include "ir.h"

static const char *const slot_names[] = {
    "x0",  "x1",  "x2",  "x3",  "x4",  "x5",  "x6",  "x7",  "x8",  "x9",  "x10", "x11",
    "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23",
    "x24", "x25", "x26", "x27", "x28", "x29", "x30", "sp",  "pc",  "pstate"};

void ir_print(FILE *f, const struct ir_block *b)
{
    fprintf(f, "IR block 0x%" PRIx64 " (%u guest insns)\n", b->pc, b->ninsns);
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        fprintf(f, "  %4x: ", i->pcoff);
        if (i->dst)
            fprintf(f, "t%-3u = ", i->dst);
        else
            fprintf(f, "       ");
        fprintf(f, "%s%s", ir_op_name(i->op), i->type == IR_I32 ? ".32" : "");
        for (unsigned a = 0; a < i->nargs; a++)
            if (i->arg[a])
                fprintf(f, "%s t%u", a ? "," : "", i->arg[a]);
        switch (i->op) {
        case IR_CONST:
            fprintf(f, " 0x%" PRIx64, i->imm);
            break;
        case IR_GET:
        case IR_SET:
            fprintf(f, " %s", i->imm < 34 ? slot_names[i->imm] : "?");
            break;
        case IR_GETV:
        case IR_SETV:
            fprintf(f, " v%" PRIu64 ".d[%" PRIu64 "]", i->imm, i->imm2);
            break;
        case IR_COND:
            fprintf(f, " cond=%" PRIu64, i->imm);
            break;
        case IR_LOAD:
        case IR_STORE:
            fprintf(f, " size=%" PRIu64 "%s", i->imm & 0xff, (i->imm & IR_MEM_SIGNED) ? " signed" : "");
            break;
        case IR_CALL:
        case IR_CALLX:
            fprintf(f, " helper_%s", ir_helper_name((unsigned)i->imm));
            break;
        case IR_GOTO:
            fprintf(f, " 0x%" PRIx64, i->imm);
            break;
        case IR_BRCOND:
            fprintf(f, " 0x%" PRIx64 " : 0x%" PRIx64, i->imm, i->imm2);
            break;
        case IR_BRCOND2:
            fprintf(f, " 0x%" PRIx64 " : 0x%" PRIx64 " : 0x%" PRIx64, i->imm, i->imm2,
                    ir_brcond2_next(b));
            break;
        case IR_EXIT:
            fprintf(f, " reason=%" PRIu64 " pc=0x%" PRIx64, i->imm, i->imm2);
            break;
        default:
            if (i->imm)
                fprintf(f, " #0x%" PRIx64, i->imm);
        }
        fputc('\n', f);
    }
}
