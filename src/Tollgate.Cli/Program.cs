return await Tollgate.Cli.CliApp.RunAsync(args);
