// A form refused by the server comes back with its error summary; bring it into view and focus it,
// so a clerk further down the page sees at once that nothing was saved.
(function () {
  var summary = document.querySelector('.error-box[role="alert"][tabindex="-1"]');
  if (summary) { summary.focus(); summary.scrollIntoView({block: "center"}); }
})();
