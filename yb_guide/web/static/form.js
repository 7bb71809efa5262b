// Forms: a counter under each long field (how many characters of how many), and an error page's
// 返回 that goes back to the form as it was (the browser keeps what was typed). Without JavaScript
// the limit is still written under the field and 返回 opens the empty form.
document.querySelectorAll("[data-count-for]").forEach(function (counter) {
  var field = document.getElementById(counter.getAttribute("data-count-for"));
  var most = field && parseInt(field.getAttribute("maxlength"), 10);
  if (!most) { return; }
  function update() {
    var n = field.value.length;
    counter.textContent = n >= most ? "已写满 " + most + " 字（最多 " + most + " 字），再写就写不进去了：请删短一些。"
                                    : "已写 " + n + " 字，最多 " + most + " 字。";
    counter.classList.toggle("full", n >= most);
  }
  field.addEventListener("input", update);
  update();
});
document.querySelectorAll("a[data-history-back]").forEach(function (link) {
  link.addEventListener("click", function (event) {
    if (window.history.length > 1) { event.preventDefault(); window.history.back(); }
  });
});
