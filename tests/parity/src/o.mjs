eval("module");
