// The native library travels with the app; on Alpine it loads because it was built for musl.
System.Console.WriteLine("MuslSqlite: libe_sqlite3.so ships in the publish output, built for musl.");
