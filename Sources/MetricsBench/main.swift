// metrics-bench: the measurements behind the scripts in bench/. Not a test.
//   metrics-bench rrd-write [--metrics N] [--rounds N] [--repeats N] [--dir DIR]
//   metrics-bench host-collect [--cycles N] [--repeats N] [--daemon PATH] [--duration S]
//   metrics-bench scrape [--endpoints N] [--rounds N] [--series N]
//   metrics-bench statsd-parse [--rounds N] [--repeats N]
//   metrics-bench render [--runs N] [--dir DIR]
//   metrics-bench scale --socket unix:PATH --client PATH --dir DIR [--metrics N] [--rounds N] [--repeats N]
//   metrics-bench deploy-impact [--seed N] [--deploys N] [--z-regression Z] [--z-suspect Z] [--p-regression P] [--min-ratio R] [--show misses|false] [--rrd DIR]
import Foundation

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "rrd-write": try await RRDWriteBench.run(arguments.dropFirst())
case "host-collect": try await HostCollectBench.run(arguments.dropFirst())
case "scrape": try await ScrapeBench.run(arguments.dropFirst())
case "statsd-parse": try await StatsDParseBench.run(arguments.dropFirst())
case "render": try await RenderBench.run(arguments.dropFirst())
case "deploy-impact": try await DeployImpactBench.run(arguments.dropFirst())
case "scale": try await ScaleBench.run(arguments.dropFirst())
default:
    FileHandle.standardError.write(Data("usage: metrics-bench rrd-write|host-collect|scrape|statsd-parse|render|deploy-impact|scale [options]\n".utf8))
    exit(2)
}
