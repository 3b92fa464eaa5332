using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks/Tollgate.Benchmarks -- --filter '*Parsing*'` runs one class;
// with no arguments BenchmarkDotNet asks which to run. See benchmarks/README.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
