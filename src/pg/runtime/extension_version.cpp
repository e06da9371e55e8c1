// The installed version of the extension, for the registry's `since` checks.
#include "pg/runtime/boundary.hpp"
#include "pg/runtime/registry.hpp"

namespace agentic::pg {

core::Version installedVersion() {
  const char* extversion = pgCall([]() -> const char* {
    Relation rel = table_open(ExtensionRelationId, AccessShareLock);
    ScanKeyData key;
    ScanKeyInit(&key, Anum_pg_extension_extname, BTEqualStrategyNumber, F_NAMEEQ,
                CStringGetDatum("agentic_schema"));
    SysScanDesc scan = systable_beginscan(rel, ExtensionNameIndexId, true, nullptr, 1, &key);
    const char* version = nullptr;
    const HeapTuple tuple = systable_getnext(scan);
    if (HeapTupleIsValid(tuple)) {
      bool isNull = false;
      const Datum value =
          heap_getattr(tuple, Anum_pg_extension_extversion, RelationGetDescr(rel), &isNull);
      if (!isNull) version = text_to_cstring(DatumGetTextPP(value));
    }
    systable_endscan(scan);
    table_close(rel, AccessShareLock);
    return version;
  });
  if (extversion == nullptr) return core::Version::newest();
  const auto version = core::parseVersion(extversion);
  return version ? *version : core::Version::newest();
}

}  // namespace agentic::pg
