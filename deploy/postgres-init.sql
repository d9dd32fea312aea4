-- One database per department (DESIGN §2): no service reads another's.
CREATE DATABASE kongchuo_education OWNER kongchuo;
