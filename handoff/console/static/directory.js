// The directory page: checks a file's type and size before it is sent, keeps a form from being sent twice, and
// moves focus to the result of an upload so a screen reader reads it first. The page works without it.
(function () {
  "use strict";

  function fileProblem(form, input) {
    var file = input.files && input.files[0];
    var max = Number(form.getAttribute("data-max-bytes"));
    if (!file) return "Choose a .csv or .json file first.";
    if (!/\.(csv|json)$/i.test(file.name)) {
      return "\u201c" + file.name + "\u201d is not a .csv or .json file: in your spreadsheet, use Save as and " +
        "choose CSV UTF-8, then choose that file.";
    }
    if (file.size === 0) return "This file is empty: choose the saved directory file.";
    if (max && file.size > max) {
      return "This file is larger than " + Math.round(max / 1048576) + " MB, the most the directory takes: " +
        "check you chose the directory file.";
    }
    return "";
  }

  var upload = document.querySelector("form[data-max-bytes]");
  if (upload) {
    upload.addEventListener("submit", function (event) {
      var input = upload.querySelector("input[type=file]");
      var error = document.getElementById("upload-error");
      var problem = fileProblem(upload, input);
      error.textContent = problem;
      if (problem) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  // Registered after the check above, so a refused file never marks its form as sent.
  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) return;
      if (form.getAttribute("data-sent")) {
        event.preventDefault();
        return;
      }
      form.setAttribute("data-sent", "yes");
      var button = form.querySelector("button[type=submit]");
      if (button) {
        button.setAttribute("data-label", button.textContent);
        button.textContent = form.getAttribute("data-busy");
        button.setAttribute("aria-disabled", "true");
      }
    });
  });

  // Back to a page kept in the browser's cache: its forms may be sent again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.querySelectorAll("form[data-sent]").forEach(function (form) {
        form.removeAttribute("data-sent");
        var button = form.querySelector("button[data-label]");
        if (button) {
          button.textContent = button.getAttribute("data-label");
          button.removeAttribute("aria-disabled");
        }
      });
    }
  });

  var result = document.querySelector("[data-focus]");
  if (result) result.focus();
})();
