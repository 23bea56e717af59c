/* getenv/setenv/unsetenv/putenv on the fixed environment the harness
 * passes (ZARM_GUEST_TEST=1, LANG, PATH). */
#include <stdio.h>
#include <stdlib.h>

static const char *show(const char *s) { return s ? s : "(null)"; }

int main(void)
{
    printf("ZARM_GUEST_TEST=%s\n", show(getenv("ZARM_GUEST_TEST")));
    printf("PATH=%s\n", show(getenv("PATH")));
    printf("MISSING=%s\n", show(getenv("MISSING_VARIABLE")));
    setenv("NEWVAR", "hello", 0);
    setenv("NEWVAR", "ignored", 0);
    printf("NEWVAR=%s\n", show(getenv("NEWVAR")));
    setenv("NEWVAR", "replaced", 1);
    printf("NEWVAR=%s\n", show(getenv("NEWVAR")));
    static char pe[] = "PUTVAR=from-putenv";
    putenv(pe);
    printf("PUTVAR=%s\n", show(getenv("PUTVAR")));
    unsetenv("ZARM_GUEST_TEST");
    printf("after unsetenv ZARM_GUEST_TEST=%s\n", show(getenv("ZARM_GUEST_TEST")));
    return getenv("LANG") ? 0 : 1;
}
