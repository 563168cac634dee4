// Each table cell carries its column's label, shown above it when a phone stacks the row (see phone.css).
(() => {
	const label_cells = () => {
		document.querySelectorAll(".web-form .form-grid").forEach((grid) => {
			const labels = {};
			grid.querySelectorAll(".grid-heading-row .grid-static-col[data-fieldname]").forEach(
				(cell) => {
					labels[cell.dataset.fieldname] = cell.textContent.trim();
				},
			);
			grid.querySelectorAll(".grid-body .grid-static-col[data-fieldname]").forEach(
				(cell) => {
					const label = labels[cell.dataset.fieldname];
					if (label && cell.dataset.label !== label) cell.dataset.label = label;
				},
			);
		});
	};
	const observer = new MutationObserver(label_cells);
	const start = () => {
		label_cells();
		observer.observe(document.body, { childList: true, subtree: true });
	};
	if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
	else start();
})();
