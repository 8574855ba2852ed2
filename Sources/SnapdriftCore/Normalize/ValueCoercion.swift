import Foundation

/// `type:` coercions. A value that cannot be coerced is nil, with the reason.
enum ValueCoercion {
    /// `value` as `type`, or nil and why not.
    static func coerce(_ value: JSONValue, to type: ValueType, dateFormat: DateFormat?, baseURL: URL?) -> (JSONValue?, String?) {
        if case .null = value { return (.null, nil) }
        switch type {
        case .string:
            switch value {
            case .string: return (value, nil)
            case .number(let number): return (.string(number.description), nil)
            case .bool(let flag): return (.string(flag ? "true" : "false"), nil)
            default: return (nil, "type string cannot hold \(value.typeName == "object" ? "an object" : "a list")")
            }
        case .integer:
            guard let number = number(from: value) else { return (nil, "'\(text(value))' is not a number") }
            guard number.isInteger else { return (nil, "'\(text(value))' is not a whole number") }
            return (.number(number), nil)
        case .number:
            guard let number = number(from: value) else { return (nil, "'\(text(value))' is not a number") }
            return (.number(number), nil)
        case .boolean:
            if case .bool = value { return (value, nil) }
            switch text(value).trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "yes", "y", "1", "on": return (.bool(true), nil)
            case "false", "no", "n", "0", "off": return (.bool(false), nil)
            default: return (nil, "'\(text(value))' is not a boolean")
            }
        case .date:
            return date(text(value), format: dateFormat, withTime: false)
        case .datetime:
            return date(text(value), format: dateFormat, withTime: true)
        case .duration:
            return duration(text(value))
        case .url:
            return url(text(value), base: baseURL)
        }
    }

    /// Text of a scalar for messages and text coercions.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .number(let number): return number.description
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return ""
        default: return CanonicalJSON.compact(value)
        }
    }

    /// A number from a number or from text such as `1,234.5` or ` 42 `.
    private static func number(from value: JSONValue) -> JSONNumber? {
        switch value {
        case .number(let number): return number
        case .string(let raw):
            var text = raw.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("+") { text.removeFirst() }
            if let number = JSONNumber(text) { return number }
            // Thousands separators, only where they group digits in threes.
            if text.range(of: #"^-?\d{1,3}(,\d{3})+(\.\d+)?$"#, options: .regularExpression) != nil {
                return JSONNumber(text.replacingOccurrences(of: ",", with: ""))
            }
            // A leading zero or a bare decimal point JSON would refuse, but pages write.
            if text.range(of: #"^-?(\d+)?\.?\d+$"#, options: .regularExpression) != nil {
                let negative = text.hasPrefix("-")
                var body = negative ? String(text.dropFirst()) : text
                if body.hasPrefix(".") { body = "0" + body }
                while body.count > 1, body.hasPrefix("0"), !body.hasPrefix("0.") { body.removeFirst() }
                return JSONNumber((negative ? "-" : "") + body)
            }
            return nil
        default:
            return nil
        }
    }

    private static let utc = TimeZone(identifier: "UTC")!

    private static func date(_ raw: String, format: DateFormat?, withTime: Bool) -> (JSONValue?, String?) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if let format {
            guard let date = format.parse(text) else { return (nil, "'\(raw)' does not match date_format '\(format.pattern)'") }
            return (.string(withTime ? isoDateTime(date) : isoDate(date)), nil)
        }
        if withTime {
            guard let date = Timestamps.date(text) else { return (nil, "'\(raw)' is not an ISO 8601 date and time (set date_format)") }
            return (.string(isoDateTime(date)), nil)
        }
        // An ISO date, or the date part of an ISO date-time, as written.
        guard text.range(of: #"^\d{4}-\d{2}-\d{2}($|T)"#, options: .regularExpression) != nil else {
            return (nil, "'\(raw)' is not an ISO 8601 date (set date_format)")
        }
        let day = String(text.prefix(10))
        let parts = day.split(separator: "-").compactMap { Int($0) }
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = utc
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        guard components.isValidDate else { return (nil, "'\(raw)' is not a valid date") }
        return (.string(day), nil)
    }

    static func isoDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    static func isoDateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }

    /// ISO 8601 durations (`PT1H20M`, `P1DT2H`) or a plain number, in minutes.
    private static func duration(_ raw: String) -> (JSONValue?, String?) {
        let text = raw.trimmingCharacters(in: .whitespaces).uppercased()
        if let minutes = JSONNumber(text) { return (.number(minutes), nil) }
        guard text.count > 1, text != "PT",
              let match = durationPattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else {
            return (nil, "'\(raw)' is not an ISO 8601 duration of days, hours, minutes and seconds")
        }
        func part(_ index: Int) -> Decimal {
            let range = match.range(at: index)
            guard range.location != NSNotFound, let swiftRange = Range(range, in: text) else { return 0 }
            return Decimal(string: String(text[swiftRange])) ?? 0
        }
        let minutes = part(1) * 1440 + part(2) * 60 + part(3) + part(4) / 60
        var rounded = Decimal()
        var value = minutes
        NSDecimalRound(&rounded, &value, 6, .plain)
        return (JSONNumber(NSDecimalNumber(decimal: rounded).stringValue).map(JSONValue.number), nil)
    }

    private static let durationPattern: NSRegularExpression = {
        let pattern = #"^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$"#
        do {
            return try NSRegularExpression(pattern: pattern)
        } catch {
            fatalError("built-in duration pattern does not compile: \(error)")
        }
    }()

    private static func url(_ raw: String, base: URL?) -> (JSONValue?, String?) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: " ", with: "%20")
        if text.isEmpty { return (.null, nil) }
        if let absolute = URL(string: text), absolute.scheme != nil { return (.string(absolute.absoluteString), nil) }
        guard let base else { return (.string(text), "relative URL '\(raw)' kept as written: the page has no <base href> and its sidecar no url") }
        guard let resolved = URL(string: text, relativeTo: base)?.absoluteURL else { return (nil, "'\(raw)' is not a URL") }
        return (.string(resolved.absoluteString), nil)
    }
}
