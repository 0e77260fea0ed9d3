#!/usr/bin/env bash
# The differential proof of issue 20, end to end: the libraries themselves train many random models per family and
# version and record their own predictions; ExactnessProofTest scores every one in the JVM with the version gate
# open and writes which family x version is exact; those tables become the shipped allow-lists.
#
#   bench/exactness/prove.sh            # 100 models per family and version: 11,000 models, about 20 minutes on
#                                       # 2 cores, 0.9 GB in $EXACTNESS_OUT
#   PER_FAMILY=5 bench/exactness/prove.sh   # a quick look; its tables prove nothing (fewer than 100 models)
#
# Libraries: scikit-learn 1.2.1 and XGBoost 1.7.4 from Debian (/usr/bin/python3), scikit-learn 1.9.1 and 1.6.1
# from venvs built from the local pip index (venvs.sh), XGBoost4J 2.1.4, 3.0.4 and 3.4.0 from Maven Central (the
# XGBoost versions whose jars the registry serves; 3.1.x and 3.2.0 jars are not there).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${EXACTNESS_OUT:-$HOME/.cache/timpani-exactness/generated}
PER_FAMILY=${PER_FAMILY:-100}
XGBOOST4J_VERSIONS=${XGBOOST4J_VERSIONS:-"2.1.4 3.0.4 3.4.0"}
rm -rf "$OUT"
mkdir -p "$OUT"

./mvnw -B -q -DskipTests test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/exactness-classpath.txt >/dev/null

start=$(date +%s)
for python in /usr/bin/python3 $(bench/exactness/venvs.sh); do
    echo "== $python"
    "$python" bench/exactness/generate.py --out "$OUT" --per-family "$PER_FAMILY" --quiet
done
# JPMML-SkLearn declines some generated models (a column named like its target field, an init estimator given by
# name): they go to the workers and count for nothing, so 1.2.1's GradientBoostingClassifier, the one family still
# converted, gets half as many again. (Every other family is compiled from its attributes.)
/usr/bin/python3 bench/exactness/generate.py --out "$OUT" --per-family $((PER_FAMILY * 3 / 2)) --quiet --families \
    GradientBoostingClassifier
# Pipeline_ColumnTransformer draws its final estimator among many families, and each engine a pipeline runs is
# proven on its own models: twenty-four times the models on every version (about 2.5 minutes each), so that the
# pipelines ending in a multiclass HistGradientBoosting / GradientBoosting classifier (softmax, engine
# "compiled-numpy-exp") reach the minimum of their own (109 each). 1.2.1's pipelines ending in a GradientBoosting
# classifier are declined, so it takes thirty-six times (3,600, about 5 minutes) for the same 109.
for python in $(bench/exactness/venvs.sh); do
    "$python" bench/exactness/generate.py --out "$OUT" --per-family $((PER_FAMILY * 24)) --quiet \
        --families Pipeline_ColumnTransformer
done
/usr/bin/python3 bench/exactness/generate.py --out "$OUT" --per-family $((PER_FAMILY * 36)) --quiet \
    --families Pipeline_ColumnTransformer
# LinearDiscriminantAnalysis: two and a half times the models (its two-class models, through dgemv_n / ddot, are
# about 40 % of them); GaussianNB four times (a joint log likelihood near -8e5 rounds where one ulp of NumPy's log
# shows: the models where an ordering mistake showed were 3 in 400).
for python in /usr/bin/python3 $(bench/exactness/venvs.sh); do
    "$python" bench/exactness/generate.py --out "$OUT" --per-family $((PER_FAMILY * 5 / 2)) --quiet \
        --families LinearDiscriminantAnalysis
    "$python" bench/exactness/generate.py --out "$OUT" --per-family $((PER_FAMILY * 4)) --quiet \
        --families GaussianNB
    # MLPs three times: their outputs cancel on probe rows near 1e300 (bench/exactness/README.md), rarely.
    "$python" bench/exactness/generate.py --out "$OUT" --per-family $((PER_FAMILY * 3)) --quiet \
        --families MLPClassifier,MLPRegressor
done
# HistGradientBoosting: four times the models on every version, so that each engine reaches the minimum of its
# own (the regressors' log link, engine compiled-exp, is drawn for about a third of them); 1.2.1 has no Gamma loss,
# so its regressors six times.
for python in /usr/bin/python3 $(bench/exactness/venvs.sh); do
    "$python" bench/exactness/generate.py --out "$OUT" --per-family $((PER_FAMILY * 4)) --quiet \
        --families HistGradientBoostingClassifier,HistGradientBoostingRegressor
done
/usr/bin/python3 bench/exactness/generate.py --out "$OUT" --per-family $((PER_FAMILY * 6)) --quiet \
    --families HistGradientBoostingRegressor
# XGBoost's proof is keyed per objective, and the generator draws each model's objective among many (some not
# served in the JVM): two and a half times the models for XGBoost's families, so that each objective served
# reaches the minimum. The legacy binary format records major.minor only, so its proof stands apart and needs
# eight times.
/usr/bin/python3 bench/exactness/generate.py --out "$OUT" --per-family $((PER_FAMILY * 5 / 2)) --quiet --families \
    XGBRegressor,XGBClassifier,xgboost-Booster-pickle,xgboost-native-json,xgboost-native-ubj
/usr/bin/python3 bench/exactness/generate.py --out "$OUT" --per-family $((PER_FAMILY * 8)) \
    --families xgboost-native-binary --quiet
others=$(tr ':' '\n' < target/exactness-classpath.txt | grep -v '/xgboost4j_2.12/' | paste -sd:)
for version in $XGBOOST4J_VERSIONS; do
    echo "== XGBoost4J $version"
    ./mvnw -B -q dependency:get -Dartifact="ml.dmlc:xgboost4j_2.12:$version" -Dtransitive=false >/dev/null
    jar="$HOME/.m2/repository/ml/dmlc/xgboost4j_2.12/$version/xgboost4j_2.12-$version.jar"
    java -cp "target/test-classes:target/classes:$others:$jar" dev.timpani.loaders.xgboost.XGBoostModelGenerator \
        "$OUT" "$PER_FAMILY"
done
echo "generated $(find "$OUT" -name case.json | wc -l) models in $(( $(date +%s) - start )) s, $(du -sh "$OUT" | cut -f1)"

./mvnw -B -Dtest=ExactnessProofTest -Dexactness.dir="$OUT" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfuzz.regression.skip=true test
if [ "$PER_FAMILY" -ge 100 ]; then
    cp target/exactness/proven-sklearn.tsv src/main/resources/dev/timpani/loaders/pickle/proven.tsv
    cp target/exactness/proven-xgboost.tsv src/main/resources/dev/timpani/loaders/xgboost/proven.tsv
    # LightGBM's rows are keyed on the model-text format (v4) and the pickled class; the pickle loader reads them.
    cp target/exactness/proven-lightgbm.tsv src/main/resources/dev/timpani/loaders/pickle/proven-lightgbm.tsv
    cp target/exactness/summary.md bench/exactness/RESULTS.md
    # The committed subset ./mvnw -B verify runs: the first model the JVM served of every proven family and version.
    rm -rf src/test/resources/exactness
    /usr/bin/python3 - "$OUT" <<'PY'
import json, pathlib, shutil, sys
out = pathlib.Path(sys.argv[1])
proven = set()
for table in ("src/main/resources/dev/timpani/loaders/pickle/proven.tsv",
              "src/main/resources/dev/timpani/loaders/pickle/proven-lightgbm.tsv",
              "src/main/resources/dev/timpani/loaders/xgboost/proven.tsv"):
    for line in open(table):
        if line.strip() and not line.startswith("#"):
            library, version, family = line.split("\t")[:3]
            proven.add((library, version, family))
taken = set()
for line in open("target/exactness/served.txt"):
    folder = pathlib.Path(line.strip())
    case = json.loads((folder / "case.json").read_text())
    family = case.get("params", {}).get("objective") if case["library"] == "xgboost" else case["estimator"]
    version = case["library_version"]
    if folder.parent.name == "xgboost-native-binary":
        version = version.rsplit(".", 1)[0]
    if case["library"] == "lightgbm":
        version = "v" + version.split(".")[0]  # the model text's format, which the proof is keyed on
    key = (case["library"], version, family)
    entry = key + (folder.parent.name,)
    if key in proven and entry not in taken:
        taken.add(entry)
        shutil.copytree(folder, pathlib.Path("src/test/resources/exactness") / folder.relative_to(out))
PY
    du -sh src/test/resources/exactness
    echo "tables written: src/main/resources/dev/timpani/loaders/{pickle,xgboost}/proven.tsv," \
        "src/main/resources/dev/timpani/loaders/pickle/proven-lightgbm.tsv, bench/exactness/RESULTS.md"
fi
