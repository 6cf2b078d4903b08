/** The exit codes every command keeps. */
export const EXIT_OK = 0;
/** A budget or threshold was breached. */
export const EXIT_BUDGET = 1;
/** The tool could not run: bad input, bad flags, I/O. */
export const EXIT_ERROR = 2;
