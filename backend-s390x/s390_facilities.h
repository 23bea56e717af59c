/*
 * Host s390x facilities the JIT may rely on, probed once with STFLE.
 *
 * Facilities are grouped the way the JIT uses them, each one an STFLE bit (or, for BASE, the
 * set of bits of the z196 baseline). ZARM_CPU_FACILITIES=z196|z13|z14|z15|max caps what is
 * reported, so the code paths of older machines can be tested on a newer one.
 */
#ifndef ZARM_S390_FACILITIES_H
#define ZARM_S390_FACILITIES_H

#include <stdbool.h>
#include <stdint.h>

enum s390_facility {
    S390_FAC_BASE, /* z196: bits 21 34 35 45 (ext-immediate, GIE, execute-ext, z196 bundle) */
    S390_FAC_MIE1, /* zEC12: bit 49 miscellaneous-instruction-extensions (RISBGN) */
    S390_FAC_LSC2, /* z13: bit 53 load/store-on-condition 2, load-and-zero-rightmost-byte */
    S390_FAC_VX,   /* z13: bit 129 vector facility */
    S390_FAC_MIE2, /* z14: bit 58 miscellaneous-instruction-extensions 2 */
    S390_FAC_VXE,  /* z14: bit 135 vector-enhancements 1 */
    S390_FAC_VXPD, /* z14: bit 134 vector packed decimal (VLRL/VSTRL) */
    S390_FAC_MIE3, /* z15: bit 61 miscellaneous-instruction-extensions 3 */
    S390_FAC_VXE2, /* z15: bit 148 vector-enhancements 2 */
    S390_FAC_COUNT
};

#define S390_FAC_BIT(f) (1u << (f))
#define S390_STFLE_DWORDS 4

struct s390_facilities {
    uint32_t have;                     /* S390_FAC_BIT() set of usable facilities */
    uint64_t stfle[S390_STFLE_DWORDS]; /* raw facility list as stored by STFLE */
    int stfle_dwords;                  /* how many of stfle[] the host filled (0: not s390x) */
};

/* Host-specific (s390_facilities_s390x.c / _generic.c): store the STFLE list into list[0..max)
 * and return how many doublewords were stored; 0 on a host that is not s390x. */
int s390_facilities_probe_host(uint64_t *list, int max);

/* The facilities an STFLE list reports (bit n of the list = bit 63 - n%64 of list[n/64]). */
uint32_t s390_facilities_from_stfle(const uint64_t *list, int dwords);

/* The facilities a machine level name ("z196", "z13", "z14", "z15", "max") includes.
 * Returns false for an unknown name. */
bool s390_facilities_level(const char *name, uint32_t *have);

/* Probe the host and apply the cap `cap` (see s390_facilities_cap; NULL for none). Returns 0,
 * or -1 with *err set to a message when cap names something unknown (nothing is reported then). */
int s390_facilities_detect(struct s390_facilities *f, const char *cap, const char **err);
/* A cap: a comma-separated list of level names and facility names ("z13", "z196,mie2"); the
 * z196 baseline is always in.  False if a name is unknown. */
bool s390_facilities_cap(const char *list, uint32_t *have);
/* Sets the cap of s390_host_facilities (--cpu-facilities, instead of $ZARM_CPU_FACILITIES);
 * before the first detection.  Returns 0, or -1 with *err set. */
int s390_facilities_set_cap(const char *cap, const char **err);

/* The host's facilities capped by $ZARM_CPU_FACILITIES, detected on first use. An invalid
 * value makes the first call fail and report nothing (err set); later calls return the same. */
const struct s390_facilities *s390_host_facilities(const char **err);

static inline bool s390_facilities_has(const struct s390_facilities *f, enum s390_facility fac) {
    return (f->have & S390_FAC_BIT(fac)) != 0;
}

const char *s390_facility_name(enum s390_facility fac);

#endif
