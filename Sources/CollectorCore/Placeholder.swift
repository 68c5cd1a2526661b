public enum CollectorCorePlaceholder {}
