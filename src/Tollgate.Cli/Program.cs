Console.WriteLine("tollgate");
