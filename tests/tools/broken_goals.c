/* Deliberately unprovable, for tests/tools/test_summarize.py: a wrong
 * postcondition and an overflow, each on its own line. */

/*@ requires x < 100;
    assigns \nothing;
    ensures wrong: \result == x + 3; */
int add_two(int x) { return x + 2; }

/*@ assigns \nothing; */
int twice(int x) { return x * 2; }

/*@ assigns \nothing;
    ensures \result == x; */
int same(int x) { return x; }
