public enum DashboardServerPlaceholder {}
