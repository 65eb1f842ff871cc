#!/bin/sh
# sidebyside.sh runs two careerpath binaries side by side on the whole-years
# and the tenure (two-decimal years) benchmark files, alternating them run
# by run, and prints each command's median wall time, CPU time (user +
# system) and peak RSS, then checks that both binaries' outputs are equal
# byte for byte. It is the measurement of docs/performance.md's "Tenure"
# section:
#
#	go build -o /tmp/tenure-base ./cmd/careerpath    # at the previous commit
#	go build -o /tmp/tenure-new ./cmd/careerpath
#	go build -o /tmp/gen ./internal/batch/gen
#	GEN=/tmp/gen RUNS=5 sh internal/batch/gen/sidebyside.sh /tmp/tenure-base /tmp/tenure-new /tmp/bench
#
# The files (1,000,000 rows each, some 80 MB) are made in DIR when absent.
set -eu
old=$1 new=$2 dir=$3
runs=${RUNS:-5}
gen=${GEN:-gen}
mkdir -p "$dir"
cd "$dir"
[ -f staff.csv ] || "$gen" -rows 1000000 > staff.csv
[ -f manager.csv ] || "$gen" -rows 1000000 -seed 2 > manager.csv
[ -f tenure.csv ] || "$gen" -rows 1000000 -decimals 2 > tenure.csv
[ -f tenure-manager.csv ] || "$gen" -rows 1000000 -decimals 2 -seed 2 > tenure-manager.csv

# Each case: a name, then the arguments after the binary; OUT stands for
# the output file, which each run writes its own of.
cases='batch-csv-staff|batch staff.csv --start 2027-01-04 -o OUT
batch-csv-tenure|batch tenure.csv --start 2027-01-04 -o OUT
batch-ndjson-staff|batch staff.csv --start 2027-01-04 -f ndjson -o OUT
batch-ndjson-tenure|batch tenure.csv --start 2027-01-04 -f ndjson -o OUT
report-staff|report staff.csv --start 2027-01-04 -f json -o OUT
report-tenure|report tenure.csv --start 2027-01-04 -f json -o OUT
calibrate-staff|calibrate staff.csv manager.csv --start 2027-01-04 -o OUT
calibrate-tenure|calibrate tenure.csv tenure-manager.csv --start 2027-01-04 -o OUT
redirect-batch-staff|batch staff.csv --start 2027-01-04 >OUT
redirect-calibrate-staff|calibrate staff.csv manager.csv --start 2027-01-04 >OUT'

# run BINARY TAG NAME ARGS: one timed run, its figures appended to
# times.TAG.NAME as "wall cpu rss_kb".
run() {
	bin=$1 tag=$2 name=$3 args=$4
	out="out.$tag.$name"
	cmd=$(printf '%s' "$args" | sed "s|OUT|$out|")
	/usr/bin/time -f '%e %U %S %M' -o time.tmp sh -c "$bin $cmd" 2>/dev/null || true
	awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' time.tmp >> "times.$tag.$name"
}

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

rm -f times.*
for i in $(seq "$runs"); do
	printf '%s\n' "$cases" | while IFS='|' read -r name args; do
		if [ $((i % 2)) -eq 1 ]; then
			run "$old" old "$name" "$args"
			run "$new" new "$name" "$args"
		else
			run "$new" new "$name" "$args"
			run "$old" old "$name" "$args"
		fi
	done
done

printf '%-26s %10s %10s %10s %10s %9s %9s  %s\n' case old-wall new-wall old-cpu new-cpu old-MiB new-MiB output
printf '%s\n' "$cases" | while IFS='|' read -r name args; do
	same=differs
	cmp -s "out.old.$name" "out.new.$name" && same=equal
	printf '%-26s %10s %10s %10s %10s %9s %9s  %s\n' "$name" \
		"$(cut -d' ' -f1 "times.old.$name" | median)" "$(cut -d' ' -f1 "times.new.$name" | median)" \
		"$(cut -d' ' -f2 "times.old.$name" | median)" "$(cut -d' ' -f2 "times.new.$name" | median)" \
		"$(cut -d' ' -f3 "times.old.$name" | median | awk '{printf "%.1f", $1 / 1024}')" \
		"$(cut -d' ' -f3 "times.new.$name" | median | awk '{printf "%.1f", $1 / 1024}')" "$same"
done
rm -f out.* time.tmp
