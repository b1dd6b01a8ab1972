#!/usr/bin/env bash
# The main job on the project's sample corpus: convert every document in corpus/ into a
# SQLite store (resumable; rerun it and nothing is parsed twice), then show a few queries.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${DB:-corpus.sqlite}
CLI=.venv/bin/dispatch-parser

status=0
# the sample documents (corpus/gold holds their gold records, corpus/README.md says how they were made)
"$CLI" convert corpus/text corpus/pdf corpus/docx corpus/scans --db "$DB" || status=$?   # exit 1: some file failed
echo
echo '$ dispatch-parser stats'
"$CLI" stats --db "$DB" | head -n 25
echo
echo '$ dispatch-parser search "an toan thong tin"      # no diacritics needed'
"$CLI" search "an toan thong tin" --db "$DB" --limit 10
echo
number=$(.venv/bin/python - "$DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
row = db.execute("SELECT number FROM doc_references WHERE number IS NOT NULL GROUP BY number_key "
                 "ORDER BY COUNT(DISTINCT doc_id) DESC, number LIMIT 1").fetchone()
print(row[0] if row else "")
PY
)
if [ -n "$number" ]; then
  echo "\$ dispatch-parser refs $number"
  "$CLI" refs "$number" --db "$DB"
fi
echo
echo "Browse it: $CLI serve $DB   (Datasette, read-only, http://127.0.0.1:8001)"
exit $status
