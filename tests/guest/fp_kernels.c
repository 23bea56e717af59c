// GUEST_CFLAGS: -ffp-contract=off -lm
// GUEST_OPTFLAGS: -O3
/* Numeric kernels: a Mandelbrot set rendered as ASCII plus iteration-count
 * hash (float and double), the Computer Language Benchmarks Game style n-body
 * simulation of the Jovian planets (energy printed to 9 digits), and a
 * spectral-norm power iteration. Same arithmetic order in every variant. */
#include <math.h>
#include <stdint.h>
#include "guest.h"

static void mandelbrot(void)
{
    uint64_t h = GUEST_HASH_INIT;
    for (int y = 0; y < 24; y++) {
        char line[65];
        for (int x = 0; x < 64; x++) {
            double cr = -2.2 + x * (3.0 / 64), ci = -1.2 + y * (2.4 / 24);
            double zr = 0, zi = 0;
            int it = 0;
            while (it < 200 && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                it++;
            }
            line[x] = " .:-=+*#%@"[it >= 200 ? 9 : it % 9];
            h = guest_mix(h, (uint64_t)it);
        }
        line[64] = 0;
        printf("|%s|\n", line);
    }
    /* float version over a finer grid, hashed only */
    uint64_t hf = GUEST_HASH_INIT;
    for (int y = 0; y < 100; y++)
        for (int x = 0; x < 100; x++) {
            float cr = -0.75f + x * 0.0005f, ci = 0.1f + y * 0.0005f, zr = 0, zi = 0;
            int it = 0;
            while (it < 500 && zr * zr + zi * zi <= 4.0f) {
                float t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                it++;
            }
            hf = guest_mix(hf, (uint64_t)it);
        }
    printf("mandelbrot hashes: double %016llx float %016llx\n", (unsigned long long)h,
           (unsigned long long)hf);
}

struct body {
    double x[3], v[3], mass;
};

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24

static struct body bodies[5] = {
    {{0, 0, 0}, {0, 0, 0}, SOLAR_MASS},
    {{4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01},
     {1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
      -6.90460016972063023e-05 * DAYS_PER_YEAR},
     9.54791938424326609e-04 * SOLAR_MASS},
    {{8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01},
     {-2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
      2.30417297573763929e-05 * DAYS_PER_YEAR},
     2.85885980666130812e-04 * SOLAR_MASS},
    {{1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01},
     {2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
      -2.96589568540237556e-05 * DAYS_PER_YEAR},
     4.36624404335156298e-05 * SOLAR_MASS},
    {{1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01},
     {2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
      -9.51592254519715870e-05 * DAYS_PER_YEAR},
     5.15138902046611451e-05 * SOLAR_MASS},
};

static double energy(void)
{
    double e = 0;
    for (int i = 0; i < 5; i++) {
        struct body *b = &bodies[i];
        e += 0.5 * b->mass * (b->v[0] * b->v[0] + b->v[1] * b->v[1] + b->v[2] * b->v[2]);
        for (int j = i + 1; j < 5; j++) {
            double d2 = 0;
            for (int k = 0; k < 3; k++) {
                double d = b->x[k] - bodies[j].x[k];
                d2 += d * d;
            }
            e -= b->mass * bodies[j].mass / sqrt(d2);
        }
    }
    return e;
}

static void advance(double dt)
{
    for (int i = 0; i < 5; i++)
        for (int j = i + 1; j < 5; j++) {
            double d[3], d2 = 0;
            for (int k = 0; k < 3; k++) {
                d[k] = bodies[i].x[k] - bodies[j].x[k];
                d2 += d[k] * d[k];
            }
            double mag = dt / (d2 * sqrt(d2));
            for (int k = 0; k < 3; k++) {
                bodies[i].v[k] -= d[k] * bodies[j].mass * mag;
                bodies[j].v[k] += d[k] * bodies[i].mass * mag;
            }
        }
    for (int i = 0; i < 5; i++)
        for (int k = 0; k < 3; k++)
            bodies[i].x[k] += dt * bodies[i].v[k];
}

static void nbody(void)
{
    double p[3] = {0, 0, 0};
    for (int i = 0; i < 5; i++)
        for (int k = 0; k < 3; k++)
            p[k] += bodies[i].v[k] * bodies[i].mass;
    for (int k = 0; k < 3; k++)
        bodies[0].v[k] = -p[k] / SOLAR_MASS;
    printf("nbody energy before %.9f\n", energy());
    for (int s = 0; s < 20000; s++)
        advance(0.01);
    printf("nbody energy after  %.9f (%a)\n", energy(), energy());
}

static double eval_a(int i, int j)
{
    return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1);
}

static void spectral_norm(void)
{
    enum { n = 100 };
    double u[n], v[n], t[n];
    for (int i = 0; i < n; i++)
        u[i] = 1;
    for (int it = 0; it < 10; it++) {
        for (int pass = 0; pass < 2; pass++) {
            double *src = pass ? v : u, *dst = pass ? u : v;
            for (int i = 0; i < n; i++) {
                t[i] = 0;
                for (int j = 0; j < n; j++)
                    t[i] += eval_a(i, j) * src[j];
            }
            for (int i = 0; i < n; i++) {
                dst[i] = 0;
                for (int j = 0; j < n; j++)
                    dst[i] += eval_a(j, i) * t[j];
            }
        }
    }
    double vbv = 0, vv = 0;
    for (int i = 0; i < n; i++) {
        vbv += u[i] * v[i];
        vv += v[i] * v[i];
    }
    printf("spectral norm %.9f\n", sqrt(vbv / vv));
}

int main(void)
{
    mandelbrot();
    nbody();
    spectral_norm();
    return 0;
}
