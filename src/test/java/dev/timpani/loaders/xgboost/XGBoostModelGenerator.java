package dev.timpani.loaders.xgboost;

import dev.timpani.data.NumberText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * The XGBoost side of the differential proof for XGBoost versions that no Python here has (3.x): trains random
 * boosters with whichever XGBoost4J is on the class path, saves them as XGBoost writes them ({@code model.json},
 * {@code model.ubj}) and records XGBoost's own predictions, laid out as {@code bench/exactness/generate.py} lays
 * out its models, for {@code ExactnessProofTest}. Run by {@code bench/exactness/prove.sh} once per XGBoost4J
 * version:
 *
 * <pre>java -cp target/test-classes:target/classes:xgboost4j_2.12-3.2.0.jar:... \
 *     dev.timpani.loaders.xgboost.XGBoostModelGenerator OUT_DIR MODELS_PER_OBJECTIVE SEED</pre>
 *
 * Each input cell is written as text and the booster predicts on the value Timpani reads from that text
 * ({@link NumberText}, pandas' parser) cast to float32, so the comparison is of scoring alone. Rows: fresh random
 * rows, NaN cells, and rows sitting exactly on a split condition and one float32 ulp either side.
 */
public final class XGBoostModelGenerator {

    private static final String[] OBJECTIVES = {"reg:squarederror", "reg:logistic", "binary:logistic",
            "multi:softprob"};
    private static final Pattern SPLIT_INDICES = Pattern.compile("\"split_indices\":\\[([^\\]]*)]");
    private static final Pattern SPLIT_CONDITIONS = Pattern.compile("\"split_conditions\":\\[([^\\]]*)]");
    private static final Pattern VERSION = Pattern.compile("\"version\":\\[(\\d+),(\\d+),(\\d+)]");

    private XGBoostModelGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int perObjective = Integer.parseInt(args[1]);
        SplittableRandom random = new SplittableRandom(Long.parseLong(args.length > 2 ? args[2] : "20261206"));
        for (String objective : OBJECTIVES) {
            for (int i = 0; i < perObjective; i++) {
                generate(out, objective, i, random.split());
            }
        }
    }

    private static void generate(Path out, String objective, int index, SplittableRandom random) throws Exception {
        int features = random.nextInt(1, 11);
        int trainRows = random.nextInt(30, 401);
        int classes = objective.equals("multi:softprob") ? random.nextInt(3, 5) : 2;
        double missingRate = random.nextDouble() < 0.5 ? 0.0 : random.nextDouble(0.0, 0.3);
        double[] scales = new double[features];
        boolean[] coarse = new boolean[features];
        for (int f = 0; f < features; f++) {
            scales[f] = Math.pow(10, random.nextDouble(-9, 9));
            coarse[f] = random.nextDouble() < 0.3; // few distinct values: duplicates sit on the thresholds
        }
        float[] train = new float[trainRows * features];
        float[] labels = new float[trainRows];
        for (int r = 0; r < trainRows; r++) {
            double signal = 0;
            for (int f = 0; f < features; f++) {
                double value = cell(random, scales[f], coarse[f]);
                train[r * features + f] = random.nextDouble() < missingRate ? Float.NaN : (float) value;
                signal += Double.isNaN(train[r * features + f]) ? 0 : value / scales[f] * (f % 2 == 0 ? 1 : -1);
            }
            labels[r] = label(objective, signal + random.nextDouble(-1, 1), classes);
        }
        Map<String, Object> params = new HashMap<>();
        params.put("objective", objective);
        params.put("max_depth", random.nextInt(1, 9));
        params.put("eta", random.nextDouble(0.01, 1.0));
        params.put("nthread", 1);
        params.put("seed", 7);
        params.put("tree_method", random.nextBoolean() ? "hist" : "exact");
        params.put("min_child_weight", random.nextDouble(0, 3));
        if (objective.equals("multi:softprob")) {
            params.put("num_class", classes);
        }
        if (random.nextDouble() < 0.3) {
            params.put("base_score", objective.equals("reg:squarederror") ? random.nextDouble(-5, 5)
                    : random.nextDouble(0.1, 0.9));
        }
        int rounds = random.nextInt(1, 41);
        DMatrix trainMatrix = new DMatrix(train, trainRows, features, Float.NaN);
        trainMatrix.setLabel(labels);
        Booster booster = XGBoost.train(trainMatrix, params, rounds, new HashMap<>(), null, null);
        String json = new String(booster.toByteArray("json"), java.nio.charset.StandardCharsets.UTF_8);
        Matcher version = VERSION.matcher(json);
        if (!version.find()) {
            throw new IllegalStateException("no version in the saved model");
        }
        String xgboostVersion = version.group(1) + "." + version.group(2) + "." + version.group(3);
        boolean asJson = random.nextBoolean();
        Path folder = out.resolve("xgboost-" + xgboostVersion).resolve("native-" + objective.replace(':', '_'))
                .resolve(String.format("%03d", index));
        Files.createDirectories(folder.resolve("model"));
        Files.write(folder.resolve("model").resolve(asJson ? "model.json" : "model.ubj"),
                booster.toByteArray(asJson ? "json" : "ubj"));

        List<String> texts = inputTexts(random, json, features, scales, coarse, missingRate);
        int rows = texts.size() / features;
        float[] matrix = new float[rows * features];
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            matrix[i] = text.isEmpty() ? Float.NaN : (float) NumberText.parseOrNaN(text);
        }
        float[][] predictions = booster.predict(new DMatrix(matrix, rows, features, Float.NaN));
        writeCsv(folder.resolve("input.csv"), header(features), texts, features);
        List<String> expectedNames = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        boolean classifier = objective.equals("binary:logistic") || objective.equals("multi:softprob");
        if (!classifier) {
            expectedNames.add("Predictions");
        } else if (objective.equals("binary:logistic")) {
            expectedNames.add("0");
            expectedNames.add("1");
        } else {
            for (int c = 0; c < classes; c++) {
                expectedNames.add(Integer.toString(c));
            }
        }
        for (float[] row : predictions) {
            if (objective.equals("binary:logistic")) {
                expected.add(Double.toString(1.0 - row[0])); // DRUM's rule for one probability: 1 - p, in float64
                expected.add(Double.toString(row[0]));
            } else {
                for (float value : row) {
                    expected.add(Double.toString(value));
                }
            }
        }
        writeCsv(folder.resolve("expected.csv"), expectedNames, expected, expectedNames.size());
        String labelsJson = classifier ? expectedNames.stream().map(n -> "\"" + n + "\"").toList().toString() : "[]";
        Files.writeString(folder.resolve("case.json"), "{\"library\": \"xgboost\", \"library_version\": \""
                + xgboostVersion + "\", \"family\": \"native-" + objective + "\", \"estimator\": \"xgboost.core.Booster\""
                + ", \"target_type\": \"" + (objective.equals("multi:softprob") ? "multiclass"
                        : objective.equals("binary:logistic") ? "binary" : "regression")
                + "\", \"class_labels\": " + labelsJson + ", \"fitted_on\": \"array\", \"params\": {\"objective\": \""
                + objective + "\", \"rounds\": " + rounds + ", \"max_depth\": " + params.get("max_depth") + "}}\n");
        booster.dispose();
    }

    private static double cell(SplittableRandom random, double scale, boolean coarse) {
        double value = coarse ? random.nextInt(-3, 4) * scale : random.nextGaussian() * scale;
        return value;
    }

    private static float label(String objective, double signal, int classes) {
        return switch (objective) {
            case "reg:squarederror" -> (float) (signal * 3);
            case "reg:logistic" -> (float) (1 / (1 + Math.exp(-signal)));
            case "binary:logistic" -> signal > 0 ? 1f : 0f;
            default -> (float) Math.floorMod((int) Math.floor(signal * 2), classes);
        };
    }

    /** Fresh rows, NaN cells, and rows on each of a sample of split conditions and one float32 ulp either side. */
    private static List<String> inputTexts(SplittableRandom random, String json, int features, double[] scales,
                                           boolean[] coarse, double missingRate) {
        List<String> texts = new ArrayList<>();
        int fresh = random.nextInt(60, 150);
        for (int r = 0; r < fresh; r++) {
            for (int f = 0; f < features; f++) {
                texts.add(random.nextDouble() < Math.max(missingRate, 0.05) ? ""
                        : Float.toString((float) cell(random, scales[f], coarse[f])));
            }
        }
        List<int[]> splitFeatures = new ArrayList<>();
        List<float[]> splitValues = new ArrayList<>();
        Matcher indices = SPLIT_INDICES.matcher(json);
        Matcher conditions = SPLIT_CONDITIONS.matcher(json);
        while (indices.find() && conditions.find()) {
            splitFeatures.add(parseInts(indices.group(1)));
            splitValues.add(parseFloats(conditions.group(1)));
        }
        int threshold = 0;
        for (int t = 0; t < splitFeatures.size() && threshold < 60; t++) {
            int[] byNode = splitFeatures.get(t);
            float[] values = splitValues.get(t);
            for (int n = 0; n < byNode.length && threshold < 60; n++) {
                if (random.nextDouble() < 0.5) {
                    continue;
                }
                float at = values[n];
                for (float value : new float[] {at, Math.nextDown(at), Math.nextUp(at)}) {
                    for (int f = 0; f < features; f++) {
                        texts.add(f == byNode[n] ? Float.toString(value)
                                : Float.toString((float) cell(random, scales[f], coarse[f])));
                    }
                    threshold++;
                }
            }
        }
        return texts;
    }

    private static int[] parseInts(String list) {
        if (list.isBlank()) {
            return new int[0];
        }
        String[] cells = list.split(",");
        int[] values = new int[cells.length];
        for (int i = 0; i < cells.length; i++) {
            values[i] = Integer.parseInt(cells[i].strip());
        }
        return values;
    }

    private static float[] parseFloats(String list) {
        if (list.isBlank()) {
            return new float[0];
        }
        String[] cells = list.split(",");
        float[] values = new float[cells.length];
        for (int i = 0; i < cells.length; i++) {
            values[i] = Float.parseFloat(cells[i].strip());
        }
        return values;
    }

    private static List<String> header(int features) {
        List<String> names = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            names.add("f" + f);
        }
        return names;
    }

    private static void writeCsv(Path file, List<String> header, List<String> cells, int width) throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (int i = 0; i < cells.size(); i++) {
            csv.append(cells.get(i)).append((i + 1) % width == 0 ? '\n' : ',');
        }
        Files.writeString(file, csv);
    }
}
