// A form refused by the server comes back with its error summary; bring it into view and focus it,
// so a clerk further down the page sees at once that nothing was saved.
(function () {
  var summary = document.querySelector('.error-box[role="alert"][tabindex="-1"]');
  if (summary) { summary.focus(); summary.scrollIntoView({block: "center"}); }
})();

// A form that changes something hard to undo asks first: <form data-confirm="…"> (no inline script,
// so the page can run under a Content-Security-Policy without 'unsafe-inline').
document.querySelectorAll("form[data-confirm]").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
  });
});
