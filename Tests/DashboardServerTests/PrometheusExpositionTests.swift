import DashboardServer
import MetricStore
import Testing

@Suite struct PrometheusExpositionTests {
    @Test func theStoreQueueIsExported() {
        var stats = WriterStatistics()
        stats.storeQueuedPoints = 1_200
        stats.storeDroppedPoints = 30
        let text = PrometheusExposition.render(stats, uptime: 5)
        #expect(text.contains("# TYPE metrics_store_queued_points gauge\n"))
        #expect(text.contains("\nmetrics_store_queued_points 1200\n"))
        #expect(text.contains("\nmetrics_store_dropped_points_total 30\n"))
    }
}
