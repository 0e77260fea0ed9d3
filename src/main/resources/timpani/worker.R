# Timpani's R hook worker: one long-lived process serving DRUM-style R hooks (custom.R) or a lone .rds model
# of one model folder. It speaks the same frames as worker.py (see PROTOCOL.md next to this file).
#
# The JVM starts it as `sh -c 'exec "$0" "$@" 3>&1 1>&2 4<&0 0</dev/null' Rscript worker.R`: requests arrive
# on fd 4, answers leave on fd 3, and fd 1 / fd 0 are stderr and /dev/null before any R code runs. A print(),
# cat(), system("echo ...") or a package's C code writing to stdout therefore cannot corrupt a frame.
# Only base R (plus utils / stats / methods) is used for the protocol: no jsonlite.

local({

PROTOCOL_VERSION <- 1L
HOOK_NAMES <- c("init", "load_model", "read_input_data", "transform", "score", "post_process",
                "score_unstructured")
CSV_MIMETYPES <- c("text/csv", "text/plain", "application/csv", "")

proto_in <- file("/dev/fd/4", open = "rb", raw = TRUE)
proto_out <- file("/dev/fd/3", open = "wb", raw = TRUE)
sink(stderr())  # R-level output too, in case the worker was started without the fd shuffle's fd 1

log_line <- function(...) {
    cat(..., "\n", sep = "", file = stderr())
}

`%||%` <- function(a, b) if (is.null(a)) b else a

# --- 1. Errors: conditions carrying the protocol's error kind. ------------------------------------------------

raise <- function(kind, message, http_status = NULL) {
    stop(structure(class = c(paste0("timpani_", kind), "timpani_error", "error", "condition"),
                   list(message = message, call = NULL, kind = kind, http_status = http_status)))
}

# Runs a user hook; a plain R error becomes a `kind` error with DRUM's message prefix and the condition's text.
call_hook <- function(name, prefix, args, kind = "model") {
    withCallingHandlers(
        tryCatch(do.call(HOOKS[[name]], args),
                 timpani_error = function(e) stop(e),
                 error = function(e) {
                     text <- conditionMessage(e)
                     call <- conditionCall(e)
                     log_line("Error in hook '", name, "'",
                              if (is.null(call)) "" else paste0(" (", paste(deparse(call), collapse = " "), ")"),
                              ": ", text)
                     raise(kind, if (is.null(prefix)) text else paste0(prefix, " Exception: ", text))
                 }),
        warning = function(w) {
            log_line("Warning in hook '", name, "': ", conditionMessage(w))
            invokeRestart("muffleWarning")
        })
}

# --- 2. JSON (the metadata of a frame), base R only. ---------------------------------------------------------

json_parse <- function(text) {
    chars <- strsplit(text, "", fixed = TRUE)[[1]]
    n <- length(chars)
    pos <- 1L
    fail <- function(what) stop("Bad JSON from the JVM at character ", pos, ": ", what)
    skip_ws <- function() {
        while (pos <= n && chars[pos] %in% c(" ", "\t", "\n", "\r")) pos <<- pos + 1L
    }
    expect <- function(ch) {
        skip_ws()
        if (pos > n || chars[pos] != ch) fail(paste0("expected ", ch))
        pos <<- pos + 1L
    }
    parse_string <- function() {
        expect("\"")
        out <- character(0)
        start <- pos
        repeat {
            if (pos > n) fail("unterminated string")
            ch <- chars[pos]
            if (ch == "\"") {
                if (pos > start) out <- c(out, chars[start:(pos - 1L)])
                pos <<- pos + 1L
                break
            }
            if (ch == "\\") {
                if (pos > start) out <- c(out, chars[start:(pos - 1L)])
                esc <- chars[pos + 1L]
                pos <<- pos + 2L
                if (esc == "u") {
                    code <- strtoi(paste(chars[pos:(pos + 3L)], collapse = ""), 16L)
                    pos <<- pos + 4L
                    if (code >= 0xD800 && code <= 0xDBFF && pos + 5L <= n && chars[pos] == "\\" &&
                        chars[pos + 1L] == "u") {
                        low <- strtoi(paste(chars[(pos + 2L):(pos + 5L)], collapse = ""), 16L)
                        pos <<- pos + 6L
                        code <- 0x10000 + (code - 0xD800) * 1024 + (low - 0xDC00)
                    }
                    out <- c(out, intToUtf8(code))
                } else {
                    out <- c(out, switch(esc, "n" = "\n", "t" = "\t", "r" = "\r", "b" = "\b", "f" = "\f", esc))
                }
                start <- pos
                next
            }
            pos <<- pos + 1L
        }
        enc2utf8(paste(out, collapse = ""))
    }
    parse_value <- function() {
        skip_ws()
        if (pos > n) fail("unexpected end")
        ch <- chars[pos]
        if (ch == "{") {
            pos <<- pos + 1L
            out <- list()
            skip_ws()
            if (chars[pos] == "}") {
                pos <<- pos + 1L
                return(structure(list(), names = character(0)))
            }
            repeat {
                key <- parse_string()
                expect(":")
                value <- parse_value()
                out[key] <- list(value)
                skip_ws()
                if (chars[pos] == ",") {
                    pos <<- pos + 1L
                } else {
                    expect("}")
                    return(out)
                }
            }
        }
        if (ch == "[") {
            pos <<- pos + 1L
            out <- list()
            skip_ws()
            if (chars[pos] == "]") {
                pos <<- pos + 1L
                return(out)
            }
            repeat {
                out[length(out) + 1L] <- list(parse_value())
                skip_ws()
                if (chars[pos] == ",") {
                    pos <<- pos + 1L
                } else {
                    expect("]")
                    return(out)
                }
            }
        }
        if (ch == "\"") return(parse_string())
        for (word in c("true", "false", "null")) {
            len <- nchar(word)
            if (pos + len - 1L <= n && paste(chars[pos:(pos + len - 1L)], collapse = "") == word) {
                pos <<- pos + len
                return(switch(word, "true" = TRUE, "false" = FALSE, "null" = NULL))
            }
        }
        start <- pos
        while (pos <= n && chars[pos] %in% c("-", "+", ".", "e", "E", as.character(0:9))) pos <<- pos + 1L
        if (pos == start) fail(paste0("unexpected ", ch))
        as.numeric(paste(chars[start:(pos - 1L)], collapse = ""))
    }
    value <- parse_value()
    value
}

json_string <- function(s) {
    s <- enc2utf8(as.character(s))
    s <- gsub("\\", "\\\\", s, fixed = TRUE)
    s <- gsub("\"", "\\\"", s, fixed = TRUE)
    s <- gsub("\n", "\\n", s, fixed = TRUE)
    s <- gsub("\r", "\\r", s, fixed = TRUE)
    s <- gsub("\t", "\\t", s, fixed = TRUE)
    if (grepl("[\001-\037]", s, useBytes = TRUE)) {
        codes <- utf8ToInt(s)
        s <- paste(vapply(codes, function(code) {
            if (code < 32) sprintf("\\u%04x", code) else intToUtf8(code)
        }, ""), collapse = "")
    }
    paste0("\"", s, "\"")
}

json_scalar <- function(x) {
    if (is.factor(x)) x <- as.character(x)
    if (length(x) != 1L || is.na(x)) return("null")
    if (is.logical(x)) return(if (x) "true" else "false")
    if (is.integer(x)) return(as.character(x))
    if (is.numeric(x)) return(if (is.finite(x)) sprintf("%.17g", x) else "null")
    json_string(x)
}

# Atomic of length 1: a scalar; other atomics and unnamed lists: arrays; named lists: objects.
to_json <- function(x) {
    if (is.null(x)) return("null")
    if (is.list(x)) {
        items <- vapply(x, to_json, "")
        if (!is.null(names(x))) {
            return(paste0("{", paste0(vapply(names(x), json_string, ""), ":", items, collapse = ","), "}"))
        }
        return(paste0("[", paste(items, collapse = ","), "]"))
    }
    if (length(x) == 1L) return(json_scalar(x))
    paste0("[", paste(vapply(seq_along(x), function(i) json_scalar(x[i]), ""), collapse = ","), "]")
}

# --- 3. Framing. --------------------------------------------------------------------------------------------------

read_exact <- function(n) {
    if (n == 0) return(raw(0))
    data <- readBin(proto_in, "raw", n)
    while (length(data) < n) {
        more <- readBin(proto_in, "raw", n - length(data))
        if (length(more) == 0L) return(NULL)
        data <- c(data, more)
    }
    data
}

read_message <- function() {
    head <- readBin(proto_in, "integer", n = 2L, size = 4L, endian = "big")
    if (length(head) < 2L) return(NULL)
    meta_raw <- read_exact(head[1])
    body <- read_exact(head[2])
    if (is.null(meta_raw) || is.null(body)) return(NULL)
    meta_text <- rawToChar(meta_raw)
    Encoding(meta_text) <- "UTF-8"
    list(meta = if (nzchar(meta_text)) json_parse(meta_text) else list(), body = body)
}

write_message <- function(meta, body = raw(0)) {
    encoded <- charToRaw(enc2utf8(to_json(meta)))
    writeBin(c(length(encoded), length(body)), proto_out, size = 4L, endian = "big")
    writeBin(encoded, proto_out)
    if (length(body)) writeBin(body, proto_out)
    flush(proto_out)
}

# --- 4. The served model. --------------------------------------------------------------------------------------

HOOKS <- list()
SERVED <- NULL

# R-OUT-5: these answer the model's single column as-is (strings), never cast to float.
TEXT_TARGET_TYPES <- c("textgeneration", "geopoint", "vectordatabase", "agenticworkflow")

is_classification <- function(target_type) target_type %in% c("binary", "multiclass", "multilabel")

request_labels <- function(served) {
    if (served$target_type == "binary") return(c(served$negative, served$positive))
    if (is_classification(served$target_type)) return(as.character(unlist(served$class_labels)))
    NULL
}

# DRUM's R runner attaches these before it sources custom.R; hooks and .rds models rely on them.
attach_drum_packages <- function() {
    for (package in c("caret", "recipes", "stringi", "Matrix")) {
        loaded <- tryCatch(suppressPackageStartupMessages(suppressWarnings(
            require(package, character.only = TRUE, quietly = TRUE, warn.conflicts = FALSE))),
            error = function(e) FALSE)
        if (!isTRUE(loaded)) log_line("R package ", package, " is not installed; continuing without it")
    }
}

load_op <- function(meta) {
    served <- list(code_dir = meta$code_dir, target_type = meta$target_type,
                   positive = meta$positive_class_label, negative = meta$negative_class_label,
                   class_labels = meta$class_labels, model = NULL, predictor = "RPredictor")
    attach_drum_packages()
    custom <- file.path(served$code_dir, c("custom.R", "custom.r"))
    custom <- custom[file.exists(custom)]
    hooks <- list()
    if (length(custom)) {
        env <- new.env(parent = globalenv())
        tryCatch(sys.source(custom[1], envir = env, keep.source = TRUE),
                 error = function(e) raise("load", paste0("custom.R could not be sourced. Exception: ",
                                                          conditionMessage(e))))
        for (name in HOOK_NAMES) {
            if (exists(name, envir = env, inherits = FALSE) && is.function(get(name, envir = env))) {
                hooks[[name]] <- get(name, envir = env)
            }
        }
    }
    HOOKS <<- hooks

    if (!is.null(HOOKS$init)) {
        call_hook("init", "'init' hook failed to initialize the model.", list(code_dir = served$code_dir), "load")
    }
    if (!is.null(HOOKS$load_model)) {
        served$model <- call_hook("load_model", "'load_model' hook failed to load the model.",
                                  list(served$code_dir), "load")
    }
    if (is.null(served$model)) {
        served$model <- load_rds(served$code_dir, served$target_type)
    }
    if (served$target_type == "unstructured" && is.null(HOOKS$score_unstructured)) {
        raise("load", "The unstructured target type needs a 'score_unstructured' hook in custom.R")
    }
    SERVED <<- served
    list(status = "ok", predictor = served$predictor, pid = Sys.getpid(), protocol = PROTOCOL_VERSION,
         hooks = as.list(names(HOOKS)))
}

# DRUM's load_serialized_model: exactly one .rds when load_model is absent or returned NULL.
load_rds <- function(code_dir, target_type) {
    files <- sort(dir(code_dir, pattern = "\\.rds$", ignore.case = TRUE))
    if (length(files) == 0L) {
        if (target_type == "transform") return(NULL)
        # DRUM's words (score.R's load_serialized_model).
        raise("load", paste0("\n\nRunning environment language: R.\nCould not find a serialized model artifact ",
                             "with .rds extension, supported by default R predictor. If your artifact is not ",
                             "supported by default predictor, implement custom.load_model hook."))
    }
    if (length(files) > 1L) {
        raise("load", paste0("Multiple serialized model artifacts found: [", paste(files, collapse = " "), "] in ",
                             code_dir, ". Remove extra artifacts or overwrite custom.load_model"))
    }
    model <- tryCatch(readRDS(file.path(code_dir, files[1])),
                      error = function(e) raise("load", paste0("Could not load the serialized model artifact ",
                                                               files[1], ". Exception: ", conditionMessage(e))))
    load_class_namespaces(model)
    model
}

# readRDS does not load the package whose S3 predict() method a model needs (randomForest, glmnet, ...): load the
# installed packages named like the model's classes (or an S4 class's package).
load_class_namespaces <- function(model) {
    candidates <- unique(c(class(model), attr(class(model), "package")))
    for (package in candidates[nzchar(vapply(candidates, function(p) system.file(package = p), ""))]) {
        tryCatch(suppressPackageStartupMessages(loadNamespace(package)),
                 error = function(e) log_line("Cannot load R package ", package, ": ", conditionMessage(e)))
    }
}

# -- reading structured payloads as DRUM's R runner does (R-IN) --

read_structured <- function(body, mimetype, colnames) {
    if (mimetype %in% CSV_MIMETYPES) {
        if (any(body == as.raw(0))) raise("bad_input", "Supplied CSV input file encoding must be UTF-8.")
        text <- rawToChar(body)
        Encoding(text) <- "UTF-8"
        if (!validUTF8(text)) raise("bad_input", "Supplied CSV input file encoding must be UTF-8.")
        # One final newline ends the last record; left on, the single-column re-read below takes it for a blank line.
        text <- sub("\n$", "", gsub("\r", "", text, fixed = TRUE))
        read <- function(...) {
            tryCatch(suppressWarnings(utils::read.csv(text = text, check.names = FALSE, stringsAsFactors = FALSE,
                                                      encoding = "UTF-8", ...)),
                     error = function(e) raise("bad_input", paste0("R failed to read input data: ",
                                                                   conditionMessage(e))))
        }
        data <- read()
        if (ncol(data) == 1L) data <- read(blank.lines.skip = FALSE)
        return(data)
    }
    if (mimetype == "text/mtx") {
        if (!requireNamespace("Matrix", quietly = TRUE)) raise("bad_input", unsupported_format(mimetype))
        path <- tempfile(fileext = ".mtx")
        on.exit(unlink(path))
        writeBin(body, path)
        data <- tryCatch(Matrix::readMM(path), error = function(e) {
            raise("bad_input", paste0("The MatrixMarket payload could not be read: ", conditionMessage(e)))
        })
        if (!is.null(colnames)) {
            names <- as.character(unlist(colnames))
            if (length(names) != ncol(data)) {
                raise("bad_input", sprintf("X.colnames names %d columns but the matrix has %d", length(names),
                                           ncol(data)))
            }
            colnames(data) <- names
        }
        return(data)
    }
    raise("bad_input", unsupported_format(mimetype))
}

unsupported_format <- function(mimetype) {
    paste0("payload format `", mimetype, "` is not supported by predictor/transformer. Make DRUM support the ",
           "format or implement `read_input_data` hook to read the data. ")
}

row_count <- function(data) {
    rows <- tryCatch(NROW(data), error = function(e) -1L)
    if (length(rows) != 1L || is.na(rows)) -1L else as.integer(rows)
}

# -- structured scoring (R-HOOK-9): read_input_data, transform, score (or predict), post_process --

predict_op <- function(meta, body) {
    served <- SERVED
    mimetype <- tolower(meta$mimetype %||% "text/csv")
    if (!is.null(HOOKS$read_input_data)) {
        data <- call_hook("read_input_data", "Model 'read_input_data' hook failed to read input data.", list(body))
    } else {
        data <- read_structured(body, mimetype, meta$colnames)
    }
    if (!is.null(HOOKS$transform)) {
        data <- call_hook("transform", "Model 'transform hook' failed to transform dataset.", list(data, served$model))
    }
    input_rows <- row_count(data)
    kwargs <- list(positive_class_label = served$positive, negative_class_label = served$negative,
                   class_labels = if (is.null(served$class_labels)) NULL else as.character(unlist(served$class_labels)))
    if (!is.null(HOOKS$score)) {
        predictions <- call_hook("score", "Model 'score' hook failed to make predictions.",
                                 list(data, served$model, kwargs))
        validate_frame(predictions, "score")
    } else {
        predictions <- builtin_predict(data, served$model, served$target_type)
    }
    if (!is.null(HOOKS$post_process)) {
        predictions <- call_hook("post_process", "Model 'post_process' hook failed to post-process predictions.",
                                 list(predictions, served$model))
        validate_frame(predictions, "post_process")
    }
    labels <- as.character(names(predictions))
    wanted <- request_labels(served)
    if (is_classification(served$target_type) && length(wanted)) {
        labels <- replace_sanitized_labels(labels, wanted)
    }
    encode_predictions(predictions, labels, input_rows, served$target_type, wanted)
}

validate_frame <- function(value, hook) {
    if (!is.data.frame(value)) {
        raise("model", sprintf("predictions must be of a data.frame type, received %s (from the %s hook)",
                               typeof(value), hook))
    }
}

# DRUM's R predictor without a score hook: class probabilities for classification, predict() otherwise.
builtin_predict <- function(data, model, target_type) {
    if (!target_type %in% c("binary", "multiclass", "regression", "anomaly")) {
        raise("model", sprintf("Target type '%s' is not supported by R predictor", target_type))
    }
    result <- withCallingHandlers(
        tryCatch(
            if (is_classification(target_type)) {
                data.frame(stats::predict(model, data, type = "prob"), check.names = FALSE)
            } else {
                predictions <- data.frame(stats::predict(model, data))
                names(predictions) <- "Predictions"
                predictions
            },
            timpani_error = function(e) stop(e),
            error = function(e) {
                log_line("Error in predict(): ", conditionMessage(e))
                raise("model", paste0("Failure when making predictions. Exception: ", conditionMessage(e)))
            }),
        warning = function(w) {
            log_line("Warning in predict(): ", conditionMessage(w))
            invokeRestart("muffleWarning")
        })
    result
}

# DRUM's RPredictor._replace_sanitized_class_names: R (caret) makes labels syntactic with make.names().
replace_sanitized_labels <- function(labels, wanted) {
    if (setequal(labels, wanted)) return(labels)
    sanitized <- make.names(wanted)
    if (setequal(labels, sanitized)) {
        if (anyDuplicated(sanitized)) raise("model", "Class label names are ambiguous.")
        return(wanted[match(labels, sanitized)])
    }
    if (length(labels) && all(startsWith(labels, "X"))) {
        floatify <- function(x) {
            value <- suppressWarnings(as.numeric(x))
            ifelse(is.na(value), x, as.character(value))
        }
        got <- floatify(substring(labels, 2))
        want <- floatify(wanted)
        if (setequal(got, want) && !anyDuplicated(want)) return(wanted[match(got, want)])
    }
    labels
}

# DRUM's label standardising (R-OUT-11), to find the prediction columns among extra ones.
standardize <- function(label) {
    text <- trimws(as.character(label))
    value <- suppressWarnings(as.numeric(text))
    lower <- tolower(text)
    ifelse(!is.na(value), as.character(value),
           ifelse(lower %in% c("y", "yes", "t", "true", "on"), "1",
                  ifelse(lower %in% c("n", "no", "f", "false", "off"), "0", paste0("s:", lower))))
}

# R-OUT-4: which columns are the predictions when the frame has more than those.
prediction_columns <- function(labels, target_type, wanted) {
    if (is_classification(target_type)) {
        if (!length(wanted) || length(labels) <= length(wanted)) return(NULL)
        chosen <- match(standardize(wanted), standardize(labels))
        if (anyNA(chosen)) return(NULL)
        return(chosen)
    }
    if (length(labels) > 1L && "Predictions" %in% labels) return(match("Predictions", labels))
    NULL
}

json_column <- function(values) {
    if (is.factor(values)) values <- as.character(values)
    if (is.numeric(values)) values[!is.finite(values)] <- NA
    if (!is.numeric(values) && !is.logical(values)) values <- as.character(values)
    lapply(seq_along(values), function(i) if (is.na(values[i])) NULL else values[i])
}

encode_predictions <- function(predictions, labels, input_rows, target_type, wanted) {
    extra <- NULL
    chosen <- prediction_columns(labels, target_type, wanted)
    if (!is.null(chosen)) {
        rest <- setdiff(seq_along(labels), chosen)
        extra <- list(names = as.list(labels[rest]),
                      columns = lapply(rest, function(i) json_column(predictions[[i]])))
        predictions <- predictions[chosen]
        labels <- labels[chosen]
    }
    rows <- nrow(predictions)
    cols <- ncol(predictions)
    if (target_type %in% TEXT_TARGET_TYPES && !all(vapply(predictions, function(column) {
        is.numeric(column) || is.logical(column)
    }, TRUE))) {
        return(encode_text_predictions(predictions, labels, input_rows, extra))
    }
    values <- vapply(seq_len(cols), function(i) {
        column <- predictions[[i]]
        if (is.logical(column)) column <- as.numeric(column)
        if (!is.numeric(column)) {
            raise("model", sprintf("Predictions must be numbers, but column '%s' is %s", labels[i],
                                   paste(class(column), collapse = "/")))
        }
        as.double(column)
    }, numeric(rows))
    body <- writeBin(as.double(values), raw(), size = 8L, endian = "little")
    list(meta = list(status = "ok", rows = rows, cols = cols, input_rows = input_rows,
                     labels = if (length(labels) == cols) as.list(labels) else NULL, extra = extra),
         body = body)
}

# R-OUT-5: a text target type's columns as the model gave them, as a JSON array of columns of strings (null for NA).
encode_text_predictions <- function(predictions, labels, input_rows, extra) {
    rows <- nrow(predictions)
    cols <- ncol(predictions)
    columns <- vapply(seq_len(cols), function(i) {
        column <- predictions[[i]]
        text <- if (is.list(column)) vapply(column, function(v) paste(as.character(v), collapse = " "), "")
                else as.character(column)
        missing <- if (is.list(column)) vapply(column, function(v) length(v) == 1L && is.na(v), TRUE)
                   else is.na(column)
        items <- vapply(seq_len(rows), function(r) if (missing[r]) "null" else json_string(text[r]), "")
        paste0("[", paste(items, collapse = ","), "]")
    }, "")
    body <- charToRaw(enc2utf8(paste0("[", paste(columns, collapse = ","), "]")))
    list(meta = list(status = "ok", rows = rows, cols = cols, input_rows = input_rows, text = TRUE,
                     labels = if (length(labels) == cols) as.list(labels) else NULL, extra = extra),
         body = body)
}

# -- unstructured scoring (R-HOOK-6, R-UNS): score_unstructured(model, data, mimetype, charset, query, headers) --

unstructured_op <- function(meta, body) {
    served <- SERVED
    mimetype <- meta$mimetype %||% "text/plain"
    charset <- meta$charset %||% "utf-8"
    data <- body
    if (startsWith(mimetype, "text/") || mimetype == "application/json") {
        text <- tryCatch(iconv(list(body), from = charset, to = "UTF-8"), error = function(e) NA)
        if (is.na(text)) raise("bad_input", sprintf("The request body is not valid %s", charset))
        Encoding(text) <- "UTF-8"
        data <- text
    }
    kwargs <- list(mimetype = mimetype, charset = charset, query = meta$query %||% list(),
                   headers = meta$headers %||% list())
    response <- call_hook("score_unstructured", NULL, c(list(served$model, data), kwargs))
    single <- !is.list(response)
    if (single) response <- list(response, NULL)
    if (length(response) != 2L) {
        raise("model", sprintf("In unstructured mode predictions of type list must have length = 2, but received length = %d",
                               length(response)))
    }
    out <- response[[1]]
    out_kwargs <- response[[2]]
    if (!(is.character(out) || is.raw(out) || is.null(out)) || !(is.list(out_kwargs) || is.null(out_kwargs))) {
        if (single) {
            raise("model", sprintf("In unstructured mode single return value can be of type character/raw, but received %s",
                                   typeof(out)))
        }
        raise("model", sprintf("In unstructured mode list return value must be of type (character/raw, list) but received (%s, %s)",
                               typeof(out), typeof(out_kwargs)))
    }
    out_mimetype <- out_kwargs$mimetype
    out_charset <- out_kwargs$charset
    if (is.raw(out)) {
        payload <- out
        out_mimetype <- out_mimetype %||% "application/octet-stream"
    } else {
        out_charset <- out_charset %||% "utf-8"
        text <- if (is.null(out)) "" else paste(out, collapse = "")
        encoded <- iconv(list(charToRaw(enc2utf8(text))), from = "UTF-8", to = out_charset, toRaw = TRUE)[[1]]
        if (is.null(encoded)) raise("model", sprintf("score_unstructured returned text that %s cannot encode", out_charset))
        payload <- encoded
        out_mimetype <- out_mimetype %||% "text/plain"
    }
    list(meta = list(status = "ok", mimetype = out_mimetype, charset = out_charset), body = payload)
}

# -- transform models (R-ROUTE-7, R-OUT-6): transform(data, model[, y]) or a recipe's bake() --

transform_op <- function(meta, body) {
    served <- SERVED
    parts <- meta$parts %||% list(list(name = "X", length = length(body)))
    pieces <- list()
    offset <- 0
    for (part in parts) {
        len <- part$length
        pieces[[part$name]] <- if (len > 0) body[seq.int(offset + 1, offset + len)] else raw(0)
        offset <- offset + len
    }
    mimetype <- tolower(meta$mimetype %||% "text/csv")
    if (!is.null(HOOKS$read_input_data)) {
        data <- call_hook("read_input_data", "Model 'read_input_data' hook failed to read input data.",
                          list(pieces$X))
    } else {
        data <- read_structured(pieces$X, mimetype, meta$colnames)
    }
    target <- NULL
    if (!is.null(pieces$y)) target <- read_structured(pieces$y, tolower(meta$y_mimetype %||% "text/csv"), NULL)
    if (!is.null(HOOKS$transform)) {
        arity <- length(formals(HOOKS$transform))
        args <- if (arity >= 3L) list(data, served$model, target) else list(data, served$model)
        output <- call_hook("transform", "Model 'transform hook' failed to transform dataset.", args)
        if (is.list(output) && !is.data.frame(output)) {
            if (length(output) > 1L && !is.null(output[[2]])) {
                raise("model", "Transformation of the target variable is not supported by DRUM.")
            }
            output <- output[[1]]
        }
    } else if (inherits(served$model, "recipe")) {
        output <- tryCatch(recipes::bake(served$model, data), error = function(e) {
            raise("model", paste0("Model 'transform hook' failed to transform dataset. Exception: ",
                                  conditionMessage(e)))
        })
    } else {
        raise("model", "Transform hook must be implemented for custom transforms, for a model that is not a recipe.")
    }
    if (!is.data.frame(output)) {
        raise("model", sprintf("Transformed X must be of a data.frame type, received %s", typeof(output)))
    }
    if (nrow(output) != row_count(data)) {
        raise("model", sprintf("Number of input rows (%d) does not match number of transform output rows (%d)",
                               row_count(data), nrow(output)))
    }
    out <- list(X.transformed = to_csv(output))
    if (!is.null(target)) out$y.transformed <- to_csv(target)
    list(meta = list(status = "ok", format = "csv",
                     parts = unname(lapply(names(out), function(name) list(name = name, length = length(out[[name]]))))),
         body = do.call(c, unname(out)))
}

to_csv <- function(frame) {
    connection <- rawConnection(raw(0), "wb")
    on.exit(close(connection))
    utils::write.csv(frame, connection, row.names = FALSE, na = "", eol = "\r\n", fileEncoding = "UTF-8")
    rawConnectionValue(connection)
}

# --- 5. The loop. ------------------------------------------------------------------------------------------------

handle <- function(meta, body) {
    op <- meta$op %||% ""
    if (op == "load") return(list(meta = load_op(meta), body = raw(0)))
    if (op == "ping") return(list(meta = list(status = "ok"), body = raw(0)))
    if (is.null(SERVED)) raise("model", "The worker has no model loaded")
    switch(op,
           predict = predict_op(meta, body),
           unstructured = unstructured_op(meta, body),
           transform = transform_op(meta, body),
           raise("model", sprintf("Unknown operation '%s'", op)))
}

repeat {
    request <- read_message()
    if (is.null(request)) break
    answer <- withCallingHandlers(
        tryCatch(handle(request$meta, request$body),
                 timpani_error = function(e) {
                     meta <- list(status = "error", kind = e$kind, message = conditionMessage(e))
                     if (!is.null(e$http_status)) meta$http_status <- as.integer(e$http_status)
                     list(meta = meta, body = raw(0))
                 },
                 error = function(e) {
                     log_line("Error: ", conditionMessage(e))
                     list(meta = list(status = "error", kind = if (identical(request$meta$op, "load")) "load" else "model",
                                      message = conditionMessage(e)), body = raw(0))
                 }),
        warning = function(w) {
            log_line("Warning: ", conditionMessage(w))
            invokeRestart("muffleWarning")
        })
    sent <- tryCatch({
        write_message(answer$meta, answer$body)
        TRUE
    }, error = function(e) conditionMessage(e))
    if (!isTRUE(sent)) {
        write_message(list(status = "error", kind = "model", message = paste0("Cannot encode the answer: ", sent)))
    }
}
})
