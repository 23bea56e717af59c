/* The NEON workload: plain C loops that GCC vectorises at -O3 (this file is built with
 * -O3, the other kernels with -O2). */
#include <stdint.h>

#include "kernels.h"

static float xs[4096], ys[4096];
static int16_t as[4096], bs[4096];

uint64_t k_neon(uint64_t n)
{
    for (int i = 0; i < 4096; i++) {
        xs[i] = (float)(i & 255) * 0.25f;
        ys[i] = (float)(i % 7);
        as[i] = (int16_t)(i * 13);
        bs[i] = (int16_t)(i ^ 0x55);
    }
    uint64_t s = 0;
    for (uint64_t r = 0; r < n; r++) {
        float a = 1.0f / (float)(1 + (r & 3));
        for (int i = 0; i < 4096; i++)
            ys[i] = a * xs[i] + ys[i] * 0.5f; /* saxpy-like, stays bounded */
        int32_t dot = 0;
        for (int i = 0; i < 4096; i++)
            dot += as[i] * bs[i];
        int16_t mx = 0;
        for (int i = 0; i < 4096; i++)
            mx = as[i] > mx ? as[i] : mx;
        s += (uint64_t)(uint32_t)dot + (uint64_t)mx + (uint64_t)ys[r & 4095];
    }
    return s;
}
