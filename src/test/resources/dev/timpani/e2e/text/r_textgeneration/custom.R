# A text generation model in R (R-OUT-5): a character column, NA for an empty prompt.
load_model <- function(code_dir) "shout"

score <- function(data, model, ...) {
    prompt <- as.character(data$prompt)
    reply <- ifelse(is.na(prompt) | prompt == "", NA_character_,
                    paste0("R: ", toupper(prompt), " \u2713 \"q\"\nend"))
    data.frame(Predictions = reply, stringsAsFactors = FALSE)
}
