/* Must not compile with -DWRONG: LG is an RXY instruction, so RRE_LG does not exist. Without
 * -DWRONG it must compile (the control that the failure is the format check). */
#include "backend-s390x/s390_emit.h"

void wrong_format(struct s390_buf *b);
void wrong_format(struct s390_buf *b) {
#ifdef WRONG
    S390_EMIT(b, RRE, LG, 1, 2);
#else
    S390_EMIT(b, RXY, LG, 1, 0, 2, 8);
#endif
}
