-- One database per department (DESIGN §2): no service reads another's.
CREATE DATABASE kongchuo_education OWNER kongchuo;
CREATE DATABASE kongchuo_public_security OWNER kongchuo;
CREATE DATABASE kongchuo_civil_affairs OWNER kongchuo;
CREATE DATABASE kongchuo_community OWNER kongchuo;
CREATE DATABASE kongchuo_joint_meeting OWNER kongchuo;
