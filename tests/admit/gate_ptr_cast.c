//! name gate_ptr_cast
//! imports print shell
//! handler Shell.Command on_point
/* expect: casts struct point * to struct pair * */
/* gate_ptr_cast: "point" moves a point, updating it through a struct of
 * the same layout. WP's typed memory model takes the two structs as
 * separate memory: a write through one is invisible to the other. */
#include "spinel/print.h"
#include "spinel/shell.h"

struct point { uint32_t x, y; };
struct pair { uint32_t first, second; };

static struct point where;

/*@ requires ShellLine(line);
    terminates \true;
    assigns where, SpinelConsole;
*/
static uint64_t on_point(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "point"))
        return 0;
    struct pair *p = (struct pair *)&where;
    if (p->first < 1000)
        p->first++;
    print_str("x = ");
    print_u64(where.x);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns where, SpinelEvents;
*/
int ext_init(void)
{
    where.x = 0;
    where.y = 0;
    return shell_install(on_point, 0);
}
