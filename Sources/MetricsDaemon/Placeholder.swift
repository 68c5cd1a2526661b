public enum MetricsDaemonPlaceholder {}
