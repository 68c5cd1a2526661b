extension GraphSpec {
    /// Checks sizes, time range, counts, numbers and every user string against ``GraphLimits``.
    public func validate() throws(GraphError) {
        guard GraphLimits.width.contains(width) else { throw .widthOutOfBounds(width) }
        guard GraphLimits.height.contains(height) else { throw .heightOutOfBounds(height) }
        try Self.validateRange(start: start, end: end)
        guard !series.isEmpty else { throw .noSeries }
        guard series.count <= GraphLimits.maxSeries else { throw .tooManySeries(series.count) }
        guard thresholds.count <= GraphLimits.maxThresholds else { throw .tooManyThresholds(thresholds.count) }
        try validateText()
        try validateNumbers()
    }

    /// `start < end`, at most ``GraphLimits/maxRange`` apart, neither before the epoch.
    static func validateRange(start: Int, end: Int) throws(GraphError) {
        guard start >= 0, start < end else { throw .emptyRange(start: start, end: end) }
        // Subtraction cannot overflow: both are non-negative.
        guard end - start <= GraphLimits.maxRange else { throw .rangeTooLong(seconds: end - start) }
    }

    private func validateText() throws(GraphError) {
        if let title { try GraphText.validate(title, field: "title", limit: GraphLimits.titleLength) }
        if let verticalLabel { try GraphText.validate(verticalLabel, field: "vertical label", limit: GraphLimits.labelLength) }
        if let unit { try GraphText.validate(unit, field: "unit", limit: 20) }
        for item in series {
            if let legend = item.legend {
                try GraphText.validate(legend, field: "legend of \(item.metric)", limit: GraphLimits.labelLength)
            }
        }
        for (index, threshold) in thresholds.enumerated() {
            if let label = threshold.label {
                try GraphText.validate(label, field: "label of threshold \(index + 1)", limit: GraphLimits.labelLength)
            }
        }
    }

    private func validateNumbers() throws(GraphError) {
        for item in series {
            // A band or an overlay of a stacked series would sit at the unstacked height.
            if item.stack, item.band || item.lastWeek {
                throw .invalid(field: "series \(item.metric)", reason: "band and lastWeek cannot be combined with stack")
            }
            if item.aggregate != nil {
                guard (1...SeriesAggregate.maxMembers).contains(item.members.count) else {
                    throw .invalid(field: "series \(item.metric)", reason: "an aggregate combines 1 to \(SeriesAggregate.maxMembers) metrics, not \(item.members.count); use a narrower pattern")
                }
                if item.band || item.lastWeek {
                    throw .invalid(field: "series \(item.metric)", reason: "band and lastWeek cannot be combined with an aggregate")
                }
            }
            if case .line(let width) = item.style, !GraphLimits.lineWidth.contains(width) {
                throw .invalid(field: "line width of \(item.metric)", reason: "\(width) is out of bounds; use \(GraphLimits.lineWidth.lowerBound) to \(GraphLimits.lineWidth.upperBound)")
            }
        }
        for threshold in thresholds where !threshold.value.isFinite {
            throw .invalid(field: "threshold", reason: "\(threshold.value) is not a finite number")
        }
        let lower = yAxis.lowerLimit, upper = yAxis.upperLimit
        for (name, limit) in [("lower limit", lower), ("upper limit", upper)] {
            if let limit, !limit.isFinite { throw .invalid(field: name, reason: "\(limit) is not a finite number") }
        }
        if let lower, let upper, lower >= upper {
            throw .invalid(field: "y-axis", reason: "lower limit \(lower) is not below upper limit \(upper)")
        }
        if yAxis.logarithmic, let lower, lower <= 0 {
            throw .invalid(field: "y-axis", reason: "a logarithmic axis needs a lower limit above 0, not \(lower)")
        }
    }
}
