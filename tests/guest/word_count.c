/* A small text program: counts words, reverses each word, finds the longest
 * word and a letter histogram in a built-in paragraph. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char text[] =
    "Arm64 programs run on this emulator exactly as they would on real hardware, "
    "or at least that is the plan: every instruction decoded, translated to an "
    "intermediate form and interpreted, with system calls passed to the host.";

int main(void)
{
    char buf[sizeof text];
    memcpy(buf, text, sizeof text);
    int words = 0, letters[26] = {0};
    char longest[32] = "";
    for (char *w = strtok(buf, " ,.:"); w; w = strtok(NULL, " ,.:")) {
        size_t n = strlen(w);
        words++;
        if (n > strlen(longest) && n < sizeof longest)
            strcpy(longest, w);
        for (size_t i = 0; i < n / 2; i++) {
            char t = w[i];
            w[i] = w[n - 1 - i];
            w[n - 1 - i] = t;
        }
        printf("%s ", w);
        for (size_t i = 0; i < n; i++)
            if (isalpha((unsigned char)w[i]))
                letters[tolower((unsigned char)w[i]) - 'a']++;
    }
    printf("\nwords=%d longest=%s\n", words, longest);
    for (int i = 0; i < 26; i++)
        if (letters[i])
            printf("%c:%d ", 'a' + i, letters[i]);
    printf("\n");
    return 0;
}
