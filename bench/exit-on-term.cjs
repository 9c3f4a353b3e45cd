// Profiling only: exit (so --cpu-prof writes its file) on SIGTERM, for servers that have no handler of their own.
process.once('SIGTERM', () => process.exit(0));
