# DRUM has no RuntimeParameters for R: R code reads the MLOPS_RUNTIME_PARAM_<NAME> variables (JSON) itself.
load_model <- function(code_dir) {
    "no artifact"
}

score_unstructured <- function(model, data, query, ...) {
    Sys.getenv("MLOPS_RUNTIME_PARAM_GREETING", unset = "unset")
}
