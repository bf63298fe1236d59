//! name msg_gcc_include
//! imports print shell
//! handler Shell.Command on_line
/* first: tests/admit/messages/msg_gcc_include.c:9: rejected: gcc: no_such_header.h: No such file or directory */
/* lines: 1 */
/* Includes a header that does not exist: gcc's error, at this line. */
#include "spinel/print.h"
#include "spinel/shell.h"
#include "no_such_header.h"

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return 0;
}
