// The two bundled resource files, written by `catalogue-import` (Sources/catalogue-import) and read
// here. Both are UTF-8 text, one record per line, fields separated by a single TAB, so they diff
// well in git; generation is deterministic (everything sorted), so re-running the importer on the
// same inputs gives byte-identical files.
//
// catalogue.agcat (version 1)
// ---------------------------
//   AGCAT 1 iam-data=<sha> iam-data-date=<YYYY-MM-DD> managed-policies-newest=<YYYY-MM-DD>
//         services=<n> actions=<n> resource-types=<n> condition-keys=<n> keys=<offset>+<length>
//   # comment lines
//   I <prefix> <offset> <length> <action count> <rcp 0|1> <display name>     one per service, sorted
//   .
//   <body>
//
// Offsets are byte offsets into the body (the bytes after the "." line), so the header can be read
// in microseconds and each service section is parsed only when first used. A service section:
//
//   S <prefix>
//   K <key 0> <key 1> ...         condition-key names used in this section; lines below refer to them
//                                 by number, because the same few keys repeat on most lines
//   C <key#> <type>               a condition key defined by this service's file, with its type
//   R <name> <ARN template> <key# key# ...>                  resource types, numbered from 0 in order
//   A <Name> <levels> <key# ...> <dependent,actions>         an action; levels are letters L R W T P
//                                                            (List Read Write Tagging Permissions
//                                                            management), most specific first
//   T <resource#> <required 0|1> <key# ...> <dependent,actions>   a resource row of the preceding A
//
// Lists of key numbers are space-separated; dependent actions are comma-separated. The body ends with
// the condition-key section at `keys=`:
//
//   S @condition-keys
//   G <canonical name> <type> <flags>    flags: g = global `aws:` key, d = from AWS documentation
//                                        (not in iam-data), f = identity-provider key (saml:,
//                                        cognito-identity.amazonaws.com:, ...), o = type corrected
//
// Names containing `${...}` or `<...>` are templates (`aws:PrincipalTag/${TagKey}`).
//
// managed-policies.agmp (version 1)
// ---------------------------------
//   AGMP 1 policies=<n> newest-update=<ISO 8601 timestamp>
//   # comment lines
//   P <name> <path> <default version> <create date> <update date> <offset> <length>   sorted by name
//   .
//   <minified policy document JSON>\n ...            in index order; offsets relative to the "." line's end

enum CatalogueFormat {
    static let catalogueMagic = "AGCAT"
    static let managedPolicyMagic = "AGMP"
    static let version = 1
    static let catalogueFileName = "catalogue.agcat"
    static let managedPolicyFileName = "managed-policies.agmp"
    static let keySectionName = "@condition-keys"
}
