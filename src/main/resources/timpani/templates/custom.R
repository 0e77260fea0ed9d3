# Hooks of a custom inference model, served by Timpani (or DRUM) from this folder.
#
# Every hook is optional. Without hooks, the folder's single .rds model is loaded with readRDS and scored with
# predict(). Uncomment and fill in the hooks your model needs.
#
# Try it:
#   java -jar timpani.jar score --code-dir <this folder> --input data.csv --target-type regression

init <- function(code_dir, ...) {
  # Runs once, before load_model: load the packages the model needs here.
  invisible(NULL)
}

# load_model <- function(input_dir) {
#   # Returns the model object every other hook receives.
#   readRDS(file.path(input_dir, "model.rds"))
# }

# read_input_data <- function(input_binary_data) {
#   # Turns the request's raw bytes into the data.frame the other hooks receive.
#   read.csv(text = rawToChar(input_binary_data), check.names = FALSE)
# }

# transform <- function(data, model) {
#   # Prepares the features before scoring.
#   data
# }

# score <- function(data, model, ...) {
#   # Returns a data.frame: one 'Predictions' column for regression, one column per class label for
#   # classification.
#   data.frame(Predictions = predict(model, data))
# }

# post_process <- function(predictions, model) {
#   # Adjusts what score (or the built-in predictor) returned, in the same shape.
#   predictions
# }

# score_unstructured <- function(model, data, query, ...) {
#   # Unstructured models only: return the response body.
#   data
# }
