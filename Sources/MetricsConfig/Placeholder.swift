public enum MetricsConfigPlaceholder {}
