/* The auxiliary vector: AT_PAGESZ, the FP and ASIMD bits of AT_HWCAP, the
 * presence of AT_RANDOM/AT_PHDR/AT_ENTRY (values vary, so only presence), uid. */
#include <stdio.h>
#include <sys/auxv.h>
#include <unistd.h>

int main(void)
{
    unsigned long hw = getauxval(AT_HWCAP);
    printf("AT_PAGESZ=%lu sysconf=%ld\n", getauxval(AT_PAGESZ), sysconf(_SC_PAGESIZE));
    printf("HWCAP_FP=%lu HWCAP_ASIMD=%lu\n", hw & 1, (hw >> 1) & 1);
    printf("AT_RANDOM present=%d AT_PHDR present=%d AT_ENTRY present=%d AT_PHENT=%lu\n",
           getauxval(AT_RANDOM) != 0, getauxval(AT_PHDR) != 0, getauxval(AT_ENTRY) != 0,
           getauxval(AT_PHENT));
    printf("AT_SECURE=%lu AT_UID==getuid %d AT_GID==getgid %d\n", getauxval(AT_SECURE),
           getauxval(AT_UID) == (unsigned long)getuid(), getauxval(AT_GID) == (unsigned long)getgid());
    const char *fn = (const char *)getauxval(AT_EXECFN);
    printf("AT_EXECFN present=%d\n", fn != NULL);
    return 0;
}
