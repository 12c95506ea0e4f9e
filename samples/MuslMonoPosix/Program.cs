// On Alpine this would die at the first Mono.Unix call: libMonoPosixHelper.so is a glibc build.
System.Console.WriteLine("MuslMonoPosix: this output carries a glibc library into a musl app.");
