// 打印 buttons: shown only where JavaScript runs (without it, the page says to use the browser's menu).
document.querySelectorAll("button.print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
