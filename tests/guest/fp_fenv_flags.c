// GUEST_CFLAGS: -frounding-math -lm
/* Cumulative FP exception flags in FPSR (Arm traps are off, so the operations
 * just set flags): divide by zero, overflow, underflow, inexact, invalid,
 * from scalar arithmetic, conversions, comparisons and libm; feclearexcept,
 * fetestexcept, feraiseexcept, fegetenv/fesetenv, feholdexcept/feupdateenv. */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include "guest.h"

static void show(const char *what)
{
    int f = fetestexcept(FE_ALL_EXCEPT);
    printf("%-28s %s%s%s%s%s%s\n", what, f & FE_DIVBYZERO ? " divbyzero" : "",
           f & FE_OVERFLOW ? " overflow" : "", f & FE_UNDERFLOW ? " underflow" : "",
           f & FE_INEXACT ? " inexact" : "", f & FE_INVALID ? " invalid" : "",
           f ? "" : " (none)");
    feclearexcept(FE_ALL_EXCEPT);
}

static volatile double sink;
static volatile float sinkf;
static volatile long sinkl;
static volatile int sinki;

int main(void)
{
    feclearexcept(FE_ALL_EXCEPT);
    show("start");
    /* volatile operands: every expression below is evaluated where it stands, so the compiler
     * cannot reuse 1/0 for -1/0 or move an operation past a flag test. */
    volatile double zero = 0.0, one = 1.0, big = 1e308, tiny = 1e-308;
    volatile float fz = 0.0f, fbig = 3e38f;
    sink = one + one;
    show("1+1");
    sink = one / zero;
    show("1/0");
    sink = -one / zero;
    show("-1/0");
    sink = zero / zero;
    show("0/0");
    sink = one / OPAQUE(3.0);
    show("1/3");
    sink = big * 10;
    show("1e308*10");
    sink = tiny * 1e-10;
    show("1e-308*1e-10");
    sink = tiny / 4;
    show("1e-308/4 (exact denormal?)");
    sink = OPAQUE(0x1p-1022) / 2;
    show("2^-1022/2 exact");
    sink = sqrt(-one);
    show("sqrt(-1)");
    sink = INFINITY - INFINITY * one;
    show("inf-inf");
    sink = zero * INFINITY;
    show("0*inf");
    sinkf = fz / fz;
    show("0f/0f");
    sinkf = fbig * 2;
    show("3e38f*2");
    sinkf = (float)big;
    show("(float)1e308");
    sinkf = (float)OPAQUE(0.1);
    show("(float)0.1");
    sinkf = (float)tiny;
    show("(float)1e-308");
    sink = (double)OPAQUE(0.1f);
    show("(double)0.1f");
    sink = fma(big, 10, -big);
    show("fma(1e308,10,-1e308)");
    sinkl = lrint(OPAQUE(1e30));
    show("lrint(1e30)");
    sinkl = lrint(OPAQUE(2.5));
    show("lrint(2.5)");
    sinkl = lrint(OPAQUE(2.0));
    show("lrint(2.0)");
    sink = rint(OPAQUE(2.5));
    show("rint(2.5)");
    sink = nearbyint(OPAQUE(2.5));
    show("nearbyint(2.5)");
    sinki = (int)OPAQUE(3.75);
    show("(int)3.75");
    sinki = OPAQUE(NAN) < one;
    show("NaN < 1 (signalling cmp)");
    sinki = isless(OPAQUE(NAN), one);
    show("isless(NaN,1) (quiet cmp)");
    sinki = OPAQUE(NAN) == one;
    show("NaN == 1 (quiet cmp)");
    sink = log(zero);
    show("log(0)");
    sink = log(-one);
    show("log(-1)");
    sink = exp(OPAQUE(1000.0));
    show("exp(1000)");
    sink = exp(OPAQUE(-1000.0));
    show("exp(-1000)");
    sink = pow(zero, -one);
    show("pow(0,-1)");
    sink = fmod(one, zero);
    show("fmod(1,0)");
    sink = nextafter(OPAQUE(0x1p-1022), 0);
    show("nextafter(min,0)");
    sink = OPAQUE(NAN) + one;
    show("qNaN+1");
    sink = OPAQUE(__builtin_nans("")) + one;
    show("sNaN+1");

    feraiseexcept(FE_OVERFLOW | FE_INEXACT);
    show("feraiseexcept(OF|IX)");
    fexcept_t saved;
    feraiseexcept(FE_DIVBYZERO);
    fegetexceptflag(&saved, FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    fesetexceptflag(&saved, FE_DIVBYZERO);
    show("fesetexceptflag(DZ)");

    fenv_t env;
    sink = one / zero;
    feholdexcept(&env);
    show("after feholdexcept");
    sink = one / OPAQUE(3.0);
    feupdateenv(&env);
    show("after feupdateenv");
    fesetround(FE_UPWARD);
    fegetenv(&env);
    fesetround(FE_TONEAREST);
    fesetenv(&env);
    printf("round mode restored by fesetenv: %s\n", fegetround() == FE_UPWARD ? "yes" : "no");
    fesetenv(FE_DFL_ENV);
    printf("FE_DFL_ENV: %s\n", fegetround() == FE_TONEAREST ? "nearest" : "other");
    show("end");
    return 0;
}
