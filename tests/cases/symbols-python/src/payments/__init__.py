from payments.gateway import charge
