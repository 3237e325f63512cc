// The one date picker of vanthu: every <input class="ngay"> is typed dd/mm/yyyy; the button beside
// it opens the browser's own calendar and writes the chosen day back as dd/mm/yyyy.
(function () {
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function toIso(text) {
    var m = /^(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})$/.exec((text || "").trim());
    return m ? m[3] + "-" + two(+m[2]) + "-" + two(+m[1]) : "";
  }
  document.querySelectorAll("input.ngay").forEach(function (input) {
    var picker = document.createElement("input");
    picker.type = "date";
    picker.tabIndex = -1;
    picker.className = "ngay-lich";
    picker.setAttribute("aria-hidden", "true");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ngay-nut";
    button.textContent = "Lịch";
    button.setAttribute("aria-label", "Chọn ngày trên lịch");
    button.addEventListener("click", function () {
      picker.value = toIso(input.value);
      if (picker.showPicker) { picker.showPicker(); } else { picker.click(); }
    });
    picker.addEventListener("change", function () {
      var p = picker.value.split("-");
      if (p.length === 3) { input.value = p[2] + "/" + p[1] + "/" + p[0]; input.dispatchEvent(new Event("change")); }
    });
    input.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", picker);
  });
})();
