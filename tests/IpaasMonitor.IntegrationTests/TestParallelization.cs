// Hangfire keeps its storage in a process-wide static (JobStorage.Current, set by AddHangfire's configuration), so two
// app instances running at once in one test process would enqueue jobs into each other's storage: a re-queue or a
// chained run of one test would run against another test's database. The integration tests therefore run one class
// at a time; each class still starts its own app over its own database.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
