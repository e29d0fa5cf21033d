// Loaded with --import into the reference server when profiling: it has no
// signal handlers, and a process killed by a signal never writes its --cpu-prof.
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
