/* Facility list decoding and the ZARM_CPU_FACILITIES cap (see s390_facilities.h). */
#include "backend-s390x/s390_facilities.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* STFLE bit numbers; BASE needs all of its bits. */
static const struct {
    enum s390_facility fac;
    const char *name;
    int bits[4];
    int n;
} fac_bits[S390_FAC_COUNT] = {
    /* 21 extended-immediate, 34 general-instructions-extension, 35 execute-extensions, 45 the
     * z196 bundle (distinct-operands, fast-BCR-serialization, high-word, interlocked-access 1,
     * load/store-on-condition 1, population-count). */
    {S390_FAC_BASE, "z196", {21, 34, 35, 45}, 4},
    {S390_FAC_MIE1, "mie1", {49}, 1},
    {S390_FAC_LSC2, "lsc2", {53}, 1},
    {S390_FAC_VX, "vx", {129}, 1},
    {S390_FAC_MIE2, "mie2", {58}, 1},
    {S390_FAC_VXE, "vxe", {135}, 1},
    {S390_FAC_VXPD, "vxpd", {134}, 1},
    {S390_FAC_MIE3, "mie3", {61}, 1},
    {S390_FAC_VXE2, "vxe2", {148}, 1},
};

#define B(f) S390_FAC_BIT(S390_FAC_##f)
static const struct {
    const char *name;
    uint32_t have;
} levels[] = {
    {"z196", B(BASE)},
    {"z13", B(BASE) | B(MIE1) | B(LSC2) | B(VX)},
    {"z14", B(BASE) | B(MIE1) | B(LSC2) | B(VX) | B(MIE2) | B(VXE) | B(VXPD)},
    {"z15", B(BASE) | B(MIE1) | B(LSC2) | B(VX) | B(MIE2) | B(VXE) | B(VXPD) | B(MIE3) | B(VXE2)},
    {"max", ~0u},
};
#undef B

static bool stfle_bit(const uint64_t *list, int dwords, int bit) {
    return bit / 64 < dwords && (list[bit / 64] >> (63 - bit % 64) & 1);
}

uint32_t s390_facilities_from_stfle(const uint64_t *list, int dwords) {
    uint32_t have = 0;
    for (int f = 0; f < S390_FAC_COUNT; f++) {
        bool all = true;
        for (int i = 0; i < fac_bits[f].n; i++)
            all = all && stfle_bit(list, dwords, fac_bits[f].bits[i]);
        if (all)
            have |= S390_FAC_BIT(fac_bits[f].fac);
    }
    return have;
}

bool s390_facilities_level(const char *name, uint32_t *have) {
    for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
        if (strcmp(name, levels[i].name) == 0) {
            *have = levels[i].have;
            return true;
        }
    }
    return false;
}

static const char cap_help[] = "the s390x facility cap must be z196, z13, z14, z15, max or a "
                                "comma-separated list of those and of mie1, lsc2, vx, mie2, "
                                "vxe, vxpd, mie3, vxe2";

bool s390_facilities_cap(const char *list, uint32_t *have) {
    *have = S390_FAC_BIT(S390_FAC_BASE);
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        char name[16];
        if (n == 0 || n >= sizeof name)
            return false;
        memcpy(name, p, n);
        name[n] = 0;
        uint32_t set = 0;
        if (!s390_facilities_level(name, &set))
            for (int f = 0; f < S390_FAC_COUNT; f++)
                if (strcmp(name, fac_bits[f].name) == 0)
                    set = S390_FAC_BIT(fac_bits[f].fac);
        if (!set)
            return false;
        *have |= set;
        p += n + (p[n] == ',');
    }
    return true;
}

int s390_facilities_detect(struct s390_facilities *f, const char *cap, const char **err) {
    memset(f, 0, sizeof(*f));
    uint32_t limit = ~0u;
    if (cap && *cap && !s390_facilities_cap(cap, &limit)) {
        *err = cap_help;
        return -1;
    }
    f->stfle_dwords = s390_facilities_probe_host(f->stfle, S390_STFLE_DWORDS);
    f->have = s390_facilities_from_stfle(f->stfle, f->stfle_dwords) & limit;
    /* Without the z196 baseline the JIT cannot run at all; report nothing then. */
    if (!(f->have & S390_FAC_BIT(S390_FAC_BASE)))
        f->have = 0;
    return 0;
}

static struct s390_facilities host;
static const char *host_err;
static pthread_once_t host_once = PTHREAD_ONCE_INIT;
static const char *host_cap; /* s390_facilities_set_cap: wins over the environment */
static bool host_detected;

static void host_detect(void) {
    s390_facilities_detect(&host, host_cap ? host_cap : getenv("ZARM_CPU_FACILITIES"), &host_err);
    host_detected = true;
}

int s390_facilities_set_cap(const char *cap, const char **err) {
    uint32_t have;
    if (!s390_facilities_cap(cap, &have)) {
        *err = cap_help;
        return -1;
    }
    if (host_detected && (!host_cap || strcmp(host_cap, cap) != 0)) {
        *err = "the host facilities were already detected with another cap";
        return -1;
    }
    host_cap = cap;
    return 0;
}

const struct s390_facilities *s390_host_facilities(const char **err) {
    pthread_once(&host_once, host_detect);
    if (err)
        *err = host_err;
    return &host;
}

const char *s390_facility_name(enum s390_facility fac) {
    return (unsigned)fac < S390_FAC_COUNT ? fac_bits[fac].name : "?";
}
