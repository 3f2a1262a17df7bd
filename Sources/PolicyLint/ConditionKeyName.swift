import ServiceCatalog

/// Matching a condition key as written against the names the catalogue lists for an action,
/// which may be templates: `s3:ExistingObjectTag/<key>`, `aws:RequestTag/${TagKey}`.
enum ConditionKeyName {
    /// True when `key` is `name` (case-insensitively), or an instance of the template `name`, where
    /// each placeholder stands for one or more characters.
    static func key(_ key: String, isInstanceOf name: String) -> Bool {
        key.lowercased() == name.lowercased() || ConditionKeyTemplate(name)?.matches(key) == true
    }
}
