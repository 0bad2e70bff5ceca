export const E = () => { eval("jsx"); return <img src="x" />; };
