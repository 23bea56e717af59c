// GUEST_CFLAGS: -ffp-contract=off -lm
// GUEST_OPTFLAGS: -O3
/* Small dense matrix multiplies in float and double, naive i-k-j loops that
 * -O3 vectorises (FMUL/FADD by element, LDP q), a 4x4 float kernel written
 * with arm_neon.h FMLA by lane as games and graphics code does, and a
 * Gauss-Jordan inverse whose product with the original is printed. The
 * arithmetic order is the same in every variant (-ffp-contract=off, no
 * reassociation), so results match bit for bit. */
#include <arm_neon.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "guest.h"

#define N 37

static float af[N][N], bf[N][N], cf[N][N];
static double ad[N][N], bd[N][N], cd[N][N];

__attribute__((noinline)) static void mm_f(float c[N][N], float a[N][N], float b[N][N])
{
    memset(c, 0, sizeof(float) * N * N);
    for (int i = 0; i < N; i++)
        for (int k = 0; k < N; k++) {
            float aik = a[i][k];
            for (int j = 0; j < N; j++)
                c[i][j] += aik * b[k][j];
        }
}

__attribute__((noinline)) static void mm_d(double c[N][N], double a[N][N], double b[N][N])
{
    memset(c, 0, sizeof(double) * N * N);
    for (int i = 0; i < N; i++)
        for (int k = 0; k < N; k++) {
            double aik = a[i][k];
            for (int j = 0; j < N; j++)
                c[i][j] += aik * b[k][j];
        }
}

/* c = a * b for 4x4 column-major float matrices, one FMLA by element per term. */
static void mm4_neon(float *c, const float *a, const float *b)
{
    float32x4_t a0 = vld1q_f32(a), a1 = vld1q_f32(a + 4), a2 = vld1q_f32(a + 8),
                a3 = vld1q_f32(a + 12);
    for (int j = 0; j < 4; j++) {
        float32x4_t bj = vld1q_f32(b + 4 * j);
        float32x4_t r = vmulq_laneq_f32(a0, bj, 0);
        r = vfmaq_laneq_f32(r, a1, bj, 1);
        r = vfmaq_laneq_f32(r, a2, bj, 2);
        r = vfmaq_laneq_f32(r, a3, bj, 3);
        vst1q_f32(c + 4 * j, r);
    }
}

static uint64_t hash_f(const float *p, int n)
{
    uint64_t h = GUEST_HASH_INIT;
    for (int i = 0; i < n; i++) {
        uint32_t u;
        memcpy(&u, p + i, 4);
        h = guest_mix(h, u);
    }
    return h;
}

static uint64_t hash_d(const double *p, int n)
{
    uint64_t h = GUEST_HASH_INIT;
    for (int i = 0; i < n; i++) {
        uint64_t u;
        memcpy(&u, p + i, 8);
        h = guest_mix(h, u);
    }
    return h;
}

/* In-place Gauss-Jordan inverse with partial pivoting; returns 0 if singular. */
static int invert(int n, double m[n][n], double inv[n][n])
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            inv[i][j] = i == j;
    for (int col = 0; col < n; col++) {
        int piv = col;
        for (int r = col + 1; r < n; r++)
            if (fabs(m[r][col]) > fabs(m[piv][col]))
                piv = r;
        if (m[piv][col] == 0)
            return 0;
        for (int j = 0; j < n; j++) {
            double t = m[col][j];
            m[col][j] = m[piv][j];
            m[piv][j] = t;
            t = inv[col][j];
            inv[col][j] = inv[piv][j];
            inv[piv][j] = t;
        }
        double d = m[col][col];
        for (int j = 0; j < n; j++) {
            m[col][j] /= d;
            inv[col][j] /= d;
        }
        for (int r = 0; r < n; r++)
            if (r != col) {
                double f = m[r][col];
                for (int j = 0; j < n; j++) {
                    m[r][j] -= f * m[col][j];
                    inv[r][j] -= f * inv[col][j];
                }
            }
    }
    return 1;
}

int main(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            af[i][j] = (float)((int)(guest_rand() % 2001) - 1000) / 256.0f;
            bf[i][j] = (float)((int)(guest_rand() % 2001) - 1000) / 100.0f;
            ad[i][j] = (double)((int64_t)(guest_rand() % 200001) - 100000) / 3.0;
            bd[i][j] = 1.0 / (double)(i + j + 1); /* Hilbert matrix */
        }
    mm_f(cf, af, bf);
    printf("float  %dx%d: hash %016llx c[0][0]=%.9g c[N-1][N-1]=%.9g\n", N, N,
           (unsigned long long)hash_f(&cf[0][0], N * N), (double)cf[0][0],
           (double)cf[N - 1][N - 1]);
    mm_d(cd, ad, bd);
    printf("double %dx%d: hash %016llx c[0][0]=%.17g c[5][7]=%.17g\n", N, N,
           (unsigned long long)hash_d(&cd[0][0], N * N), cd[0][0], cd[5][7]);
    /* Repeated squaring, normalised by the largest entry each time, mixes everything. */
    for (int it = 0; it < 5; it++) {
        float mx = 0;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                mx = fmaxf(mx, fabsf(cf[i][j]));
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                af[i][j] = cf[i][j] / mx;
        mm_f(cf, af, af);
    }
    printf("float powers: hash %016llx c[3][4]=%a\n", (unsigned long long)hash_f(&cf[0][0], N * N),
           (double)cf[3][4]);

    float m4a[16], m4b[16], m4c[16];
    for (int i = 0; i < 16; i++) {
        m4a[i] = (float)(i % 5) - 1.5f;
        m4b[i] = (float)(i * i % 7) * 0.25f;
    }
    for (int it = 0; it < 100; it++) {
        mm4_neon(m4c, m4a, m4b);
        for (int i = 0; i < 16; i++)
            m4a[i] = m4c[i] * 0.125f + (float)(it & 3);
    }
    printf("4x4 neon chain: hash %016llx c=%g %g %g %g\n", (unsigned long long)hash_f(m4c, 16),
           (double)m4c[0], (double)m4c[5], (double)m4c[10], (double)m4c[15]);

    enum { M = 6 };
    double m[M][M], orig[M][M], inv[M][M], prod[M][M];
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++)
            m[i][j] = orig[i][j] = 1.0 / (i + j + 1) + (i == j ? 0.5 : 0);
    if (!invert(M, m, inv))
        printf("singular\n");
    double maxerr = 0;
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) {
            double s = 0;
            for (int k = 0; k < M; k++)
                s += orig[i][k] * inv[k][j];
            prod[i][j] = s;
            maxerr = fmax(maxerr, fabs(s - (i == j)));
        }
    printf("inverse: inv[0][0]=%.17g inv[5][2]=%.17g max |A*inv-I| = %a, hash %016llx\n",
           inv[0][0], inv[5][2], maxerr, (unsigned long long)hash_d(&prod[0][0], M * M));
    return 0;
}
